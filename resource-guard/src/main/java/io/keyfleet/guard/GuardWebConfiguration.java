package io.keyfleet.guard;

import java.time.Clock;

import io.keyfleet.guard.authorization.GuardRequirements;
import io.keyfleet.guard.dpop.DPoPNonces;
import io.keyfleet.guard.events.DenialEvents;
import io.keyfleet.guard.standing.ClientStandings;
import io.keyfleet.guard.state.GuardKeys;
import io.keyfleet.guard.state.GuardRedis;
import io.keyfleet.guard.web.GuardAccessDeniedHandler;
import io.keyfleet.guard.web.GuardAuthenticationEntryPoint;
import io.keyfleet.guard.web.KeyfleetGuardConfigurer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * The servlet side: the {@code guard} of the request-matcher DSL ({@link GuardRequirements}),
 * and the entry point and access-denied handler {@link KeyfleetGuardConfigurer} installs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HttpSecurity.class)
class GuardWebConfiguration {

	@Bean
	@ConditionalOnMissingBean
	GuardRequirements guardRequirements(ClientStandings standings, ObjectProvider<Clock> clock) {
		return new GuardRequirements(standings, GuardStateConfiguration.clock(clock));
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "keyfleet.guard.events.enabled", matchIfMissing = true)
	DenialEvents guardDenialEvents(KeyfleetGuardProperties properties, GuardRedis redis, GuardKeys keys,
			ObjectProvider<Clock> clock) {
		return new DenialEvents(redis, keys, properties.audience(), properties.events().maxLength(),
				GuardStateConfiguration.clock(clock));
	}

	@Bean
	@ConditionalOnMissingBean
	GuardAuthenticationEntryPoint guardAuthenticationEntryPoint(KeyfleetGuardProperties properties,
			DPoPNonces nonces, ObjectProvider<DenialEvents> events) {
		return new GuardAuthenticationEntryPoint(properties.audience(), properties.dpop().requireNonce() ? nonces : null,
				events.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	GuardAccessDeniedHandler guardAccessDeniedHandler(ObjectProvider<DenialEvents> events) {
		return new GuardAccessDeniedHandler(events.getIfAvailable());
	}

}
