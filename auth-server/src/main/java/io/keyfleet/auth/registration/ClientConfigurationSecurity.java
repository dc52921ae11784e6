package io.keyfleet.auth.registration;

import java.time.Clock;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

import io.keyfleet.auth.KeyfleetServerProperties;
import io.keyfleet.auth.admin.TokenStandingValidator;
import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.client.ClientRegistry;
import io.keyfleet.auth.keys.SigningKeys;
import io.keyfleet.auth.revocation.TokenStanding;
import io.keyfleet.auth.token.TokenProperties;

/**
 * The client configuration endpoint (RFC 7592) is a resource whose identifier is the
 * issuer, like the admin API: it accepts this server's own access tokens for the issuer
 * in good standing, as {@code Bearer} or, for DPoP-bound tokens, only with the
 * {@code DPoP} scheme and a proof (Spring's RFC 9449 support; certificate-bound tokens are
 * refused: those devices re-enroll over EST instead). A suspended, quarantined or retired
 * device, or a token killed since, gets {@code 401 invalid_token} with an RFC 6750
 * {@code WWW-Authenticate} header. Which device the token is for is the controller's check.
 */
@Configuration(proxyBeanMethods = false)
public class ClientConfigurationSecurity {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Bean
	@Order(5)
	SecurityFilterChain clientConfigurationSecurityFilterChain(HttpSecurity http, SigningKeys keys,
			KeyfleetServerProperties server, TokenStanding standing, TokenProperties tokens, AuditLog audit) {
		BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
		http.securityMatcher("/oauth2/register/**");
		http.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated());
		http.oauth2ResourceServer(resourceServer -> resourceServer
			.jwt(jwt -> jwt.decoder(TokenStandingValidator.issuerTokenDecoderAcceptingDPoP(keys, server.issuerUrl(),
					standing, tokens.clockSkew(), new DPoPPresentationValidator())))
			// RFC 9449 §7: a DPoP-bound device presents its token with a proof of its DPoP key
			.dPoP(Customizer.withDefaults())
			.authenticationEntryPoint((request, response, ex) -> {
				bearer.commence(request, response, ex);
				audit.refused("client-configuration", null, "invalid_token", request.getRemoteAddr());
				response.setContentType(MediaType.APPLICATION_JSON_VALUE);
				response.setHeader("Cache-Control", "no-store");
				JSON.writeValue(response.getOutputStream(), Map.of("error", "invalid_token", "error_description",
						"an access token of this device for the issuer, in good standing, is required"));
			}));
		http.csrf(csrf -> csrf.disable());
		http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.requestCache(cache -> cache.disable());
		return http.build();
	}

	@Bean
	DeviceKeyRotation deviceKeyRotation(ClientRegistry registry, TokenProperties tokens, AuditLog audit, Clock clock) {
		return new DeviceKeyRotation(registry, new KeyProofs(clock, tokens.clockSkew()), audit);
	}

}
