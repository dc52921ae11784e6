package io.keyfleet.sample;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasAuthority;

/**
 * Who may call what (CONTRACT.md "Resource servers"). Every request carries a bearer
 * token that resource-guard's {@code JwtDecoder} validates (signature, {@code typ},
 * {@code iss}, {@code aud}, {@code exp}); a missing or invalid token is answered
 * {@code 401} with a {@code Bearer} challenge, a valid token without the needed scope or
 * ownership {@code 403 insufficient_scope}. Sessions are never created and CSRF
 * protection is off, since no cookie authenticates anything here.
 *
 * <table>
 * <caption>Rules enforced now</caption>
 * <tr><th>endpoint</th><th>needs</th></tr>
 * <tr><td>{@code POST /telemetry}</td><td>scope {@code telemetry:write}</td></tr>
 * <tr><td>{@code GET /devices/{id}/config}</td><td>scope {@code config:read} and
 * {@code sub == id}</td></tr>
 * <tr><td>{@code GET /firmware/{model}/latest}</td><td>scope {@code firmware:read}</td></tr>
 * <tr><td>{@code POST /devices/{id}/commands}</td><td>scope {@code commands:write}</td></tr>
 * <tr><td>{@code GET /fleet/summary}</td><td>scope {@code fleet:read}</td></tr>
 * </table>
 *
 * <p>
 * The contract's further conditions on these endpoints are not enforced by this version:
 * the attestation tiers ({@code affirming} for telemetry, {@code warning} for firmware),
 * "a service client, not a device" for commands, the sender constraint and the standing
 * of the token and its device. They arrive with resource-guard's standing checks, as
 * token validators and authorization rules of the guard, and are deliberately not
 * approximated here.
 */
@Configuration(proxyBeanMethods = false)
class SampleSecurityConfiguration {

	@Bean
	SecurityFilterChain sampleSecurityFilterChain(HttpSecurity http) throws Exception {
		AuthorizationManager<RequestAuthorizationContext> ownDeviceConfig = AuthorizationManagers
			.allOf(hasAuthority("SCOPE_config:read"), new SubjectMatchesPathVariableAuthorizationManager("id"));
		// @formatter:off
		http
			.authorizeHttpRequests((requests) -> requests
				.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
				.requestMatchers(HttpMethod.POST, "/telemetry").hasAuthority("SCOPE_telemetry:write")
				.requestMatchers(HttpMethod.GET, "/devices/{id}/config").access(ownDeviceConfig)
				.requestMatchers(HttpMethod.GET, "/firmware/{model}/latest").hasAuthority("SCOPE_firmware:read")
				.requestMatchers(HttpMethod.POST, "/devices/{id}/commands").hasAuthority("SCOPE_commands:write")
				.requestMatchers(HttpMethod.GET, "/fleet/summary").hasAuthority("SCOPE_fleet:read")
				.requestMatchers(HttpMethod.GET, "/actuator/health").permitAll()
				.anyRequest().denyAll())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable);
		// @formatter:on
		return http.build();
	}

}
