package io.keyfleet.sample;

import jakarta.servlet.DispatcherType;

import io.keyfleet.guard.authorization.GuardRequirements;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static io.keyfleet.guard.authorization.AttestationStatus.AFFIRMING;
import static io.keyfleet.guard.authorization.AttestationStatus.WARNING;
import static io.keyfleet.guard.web.KeyfleetGuardConfigurer.keyfleetGuard;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/**
 * Who may call what (CONTRACT.md "Resource servers"), declared with resource-guard's
 * requirements and nothing else: every request's token is re-checked by the guard
 * (signature, {@code typ}, {@code iss}, {@code aud}, {@code exp}, sender constraint,
 * standing in the shared state), then the endpoint's requirement decides.
 *
 * <table>
 * <caption>Least privilege</caption>
 * <tr><th>endpoint</th><th>needs</th></tr>
 * <tr><td>{@code POST /telemetry}</td><td>scope {@code telemetry:write}, attestation {@code affirming}</td></tr>
 * <tr><td>{@code GET /devices/{id}/config}</td><td>scope {@code config:read} and {@code sub == id}</td></tr>
 * <tr><td>{@code GET /firmware/{model}/latest}</td><td>scope {@code firmware:read}, attestation {@code warning} or better</td></tr>
 * <tr><td>{@code POST /devices/{id}/commands}</td><td>scope {@code commands:write}, a service client</td></tr>
 * <tr><td>{@code GET /fleet/summary}</td><td>scope {@code fleet:read}</td></tr>
 * </table>
 *
 * Anything else is refused; {@code /actuator/health} is open.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!plain-jwt")
class SampleSecurityConfiguration {

	@Bean
	SecurityFilterChain sampleSecurityFilterChain(HttpSecurity http, GuardRequirements guard) throws Exception {
		// @formatter:off
		http.with(keyfleetGuard(), Customizer.withDefaults())
			.authorizeHttpRequests((requests) -> requests
				.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
				.requestMatchers(POST, "/telemetry").access(guard.scope("telemetry:write").attestation(AFFIRMING))
				.requestMatchers(GET, "/devices/{id}/config").access(guard.scope("config:read").subjectIs("id"))
				.requestMatchers(GET, "/firmware/{model}/latest").access(guard.scope("firmware:read").attestation(WARNING))
				.requestMatchers(POST, "/devices/{id}/commands").access(guard.scope("commands:write").serviceClientsOnly())
				.requestMatchers(GET, "/fleet/summary").access(guard.scope("fleet:read"))
				.requestMatchers(GET, "/actuator/health").permitAll()
				.anyRequest().denyAll());
		// @formatter:on
		return http.build();
	}

}
