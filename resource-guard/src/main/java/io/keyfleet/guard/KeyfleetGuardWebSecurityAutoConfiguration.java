package io.keyfleet.guard;

import io.keyfleet.guard.authorization.GuardRequirements;
import io.keyfleet.guard.web.KeyfleetGuardConfigurer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * For an application that declares no {@code SecurityFilterChain} of its own: a default
 * chain behind the guard that lets any valid token in good standing through, in place of
 * Spring Boot's resource-server and actuator defaults (which this precedes, as Boot's
 * {@code OAuth2ResourceServerWebSecurityAutoConfiguration} precedes its own).
 */
@AutoConfiguration(after = KeyfleetGuardAutoConfiguration.class, beforeName = {
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnDefaultWebSecurity
@ConditionalOnBean(GuardRequirements.class)
public final class KeyfleetGuardWebSecurityAutoConfiguration {

	@Bean
	SecurityFilterChain keyfleetGuardSecurityFilterChain(HttpSecurity http, GuardRequirements guard)
			throws Exception {
		http.with(KeyfleetGuardConfigurer.keyfleetGuard(), Customizer.withDefaults())
			.authorizeHttpRequests((requests) -> requests.anyRequest().access(guard.authenticated()));
		return http.build();
	}

}
