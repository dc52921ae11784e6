package io.keyfleet.guard;

import java.time.Clock;

import io.keyfleet.guard.standing.CertificateRevocationValidator;
import io.keyfleet.guard.standing.SigningKeyRevocationValidator;
import io.keyfleet.guard.standing.ClientStandings;
import io.keyfleet.guard.standing.DeviceStandingValidator;
import io.keyfleet.guard.standing.RevocationValidator;
import io.keyfleet.guard.state.CacheMode;
import io.keyfleet.guard.state.GuardKeys;
import io.keyfleet.guard.state.GuardRedis;
import io.keyfleet.guard.state.GuardStateCache;
import io.keyfleet.guard.state.PubSubGuardStateCache;
import io.keyfleet.guard.state.TrackingGuardStateCache;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The shared state (docs/guard-state.md): the guard's Redis client, the local copy in the
 * configured {@link CacheMode}, and the standing checks as {@code OAuth2TokenValidator}
 * beans, which {@link AccessTokenDecoderConfiguration} appends to the RFC 9068 checks in
 * this order: revocation, client standing, certificate revocation.
 */
@Configuration(proxyBeanMethods = false)
class GuardStateConfiguration {

	@Bean
	@ConditionalOnMissingBean
	GuardKeys guardKeys(KeyfleetGuardProperties properties) {
		return new GuardKeys(properties.redis().keyPrefix());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	GuardRedis guardRedis(KeyfleetGuardProperties properties) {
		return new GuardRedis(properties.redis().url(), properties.redis().commandTimeout(),
				properties.redis().connectTimeout());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	GuardStateCache guardStateCache(KeyfleetGuardProperties properties, GuardRedis redis, GuardKeys keys) {
		KeyfleetGuardProperties.Redis settings = properties.redis();
		if (properties.cache() == CacheMode.PUBSUB) {
			PubSubGuardStateCache cache = new PubSubGuardStateCache(redis, keys.invalidationChannel(),
					properties.cacheMaxEntries(), settings.heartbeatInterval());
			cache.start();
			return cache;
		}
		TrackingGuardStateCache cache = new TrackingGuardStateCache(redis, properties.cacheMaxEntries(),
				settings.heartbeatInterval());
		cache.start();
		return cache;
	}

	@Bean
	@ConditionalOnMissingBean
	ClientStandings clientStandings(GuardStateCache state, GuardKeys keys) {
		return new ClientStandings(state, keys);
	}

	@Bean
	@Order(1)
	@ConditionalOnMissingBean
	RevocationValidator revocationValidator(GuardStateCache state, GuardKeys keys) {
		return new RevocationValidator(state, keys);
	}

	@Bean
	@Order(2)
	@ConditionalOnMissingBean
	DeviceStandingValidator deviceStandingValidator(ClientStandings standings) {
		return new DeviceStandingValidator(standings);
	}

	@Bean
	@Order(3)
	@ConditionalOnMissingBean
	CertificateRevocationValidator certificateRevocationValidator(GuardStateCache state, GuardKeys keys) {
		return new CertificateRevocationValidator(state, keys);
	}

	@Bean
	@Order(4)
	@ConditionalOnMissingBean
	SigningKeyRevocationValidator signingKeyRevocationValidator(GuardStateCache state, GuardKeys keys) {
		return new SigningKeyRevocationValidator(state, keys);
	}

	/** The guard's clock: the application's {@link Clock} bean if it has one. */
	static Clock clock(org.springframework.beans.factory.ObjectProvider<Clock> clock) {
		return clock.getIfAvailable(Clock::systemUTC);
	}

}
