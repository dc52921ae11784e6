package io.keyfleet.guard;

import java.time.Clock;

import io.keyfleet.guard.dpop.DPoPNonces;
import io.keyfleet.guard.dpop.DPoPProofVerifiers;
import io.keyfleet.guard.dpop.RedisDPoPProofCache;
import io.keyfleet.guard.state.GuardKeys;
import io.keyfleet.guard.state.GuardRedis;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.DPoPProofContext;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;

/**
 * DPoP at the resource server (RFC 9449): the proof verifier that
 * {@code KeyfleetGuardConfigurer} hands to Spring Security's
 * {@code DPoPAuthenticationProvider}, with used proofs recorded in Redis for all guard
 * nodes, and the server nonces of {@code keyfleet.guard.dpop.require-nonce}.
 */
@Configuration(proxyBeanMethods = false)
class GuardDPoPConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DPoPNonces dPoPNonces(KeyfleetGuardProperties properties, GuardRedis redis, GuardKeys keys,
			ObjectProvider<Clock> clock) {
		return new DPoPNonces(redis, keys, properties.dpop().nonceLifetime(), GuardStateConfiguration.clock(clock));
	}

	@Bean
	@ConditionalOnMissingBean
	RedisDPoPProofCache redisDPoPProofCache(GuardRedis redis, GuardKeys keys, ObjectProvider<Clock> clock) {
		return new RedisDPoPProofCache(redis, keys, GuardStateConfiguration.clock(clock));
	}

	@Bean
	@ConditionalOnMissingBean(name = "keyfleetGuardDPoPProofVerifierFactory")
	JwtDecoderFactory<DPoPProofContext> keyfleetGuardDPoPProofVerifierFactory(KeyfleetGuardProperties properties,
			RedisDPoPProofCache usedProofs, DPoPNonces nonces) {
		return DPoPProofVerifiers.create(usedProofs, properties.dpop().proofWindow(),
				properties.dpop().requireNonce() ? nonces : null);
	}

}
