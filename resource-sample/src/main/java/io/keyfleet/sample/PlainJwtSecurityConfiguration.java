package io.keyfleet.sample;

import java.util.List;

import jakarta.servlet.DispatcherType;

import io.keyfleet.guard.AccessTokenDecoders;
import io.keyfleet.guard.KeyfleetGuardProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import static org.springframework.http.HttpMethod.GET;

/**
 * The benchmark's baseline (docs/benchmarks.md, "Resource guard"), profile
 * {@code plain-jwt}: the same application and endpoint behind nothing but Spring
 * Security's plain JWT resource server — the same RFC 9068 decoder (signature, {@code typ},
 * {@code iss}, {@code aud}, {@code exp}) without the guard's standing checks, Spring's
 * default entry points, and a scope check with {@code hasAuthority}. Never for production:
 * a revoked token stays usable here until it expires.
 */
@Configuration(proxyBeanMethods = false)
@Profile("plain-jwt")
class PlainJwtSecurityConfiguration {

	@Bean
	JwtDecoder plainJwtDecoder(KeyfleetGuardProperties properties) {
		return AccessTokenDecoders.fromProperties(properties, List.of());
	}

	@Bean
	SecurityFilterChain plainJwtSecurityFilterChain(HttpSecurity http) throws Exception {
		// @formatter:off
		http
			.authorizeHttpRequests((requests) -> requests
				.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
				.requestMatchers(GET, "/fleet/summary").hasAuthority("SCOPE_fleet:read")
				.anyRequest().denyAll())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable);
		// @formatter:on
		return http.build();
	}

}
