package io.keyfleet.auth.admin;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;

import io.keyfleet.auth.KeyfleetServerProperties;
import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.client.ClientRegistry;
import io.keyfleet.auth.keys.SigningKeys;
import io.keyfleet.auth.revocation.TokenStanding;
import io.keyfleet.auth.token.TokenProperties;
import io.keyfleet.auth.web.ProblemResponder;

/**
 * The admin API is a resource server whose identifier is the issuer: it accepts this
 * server's own access tokens ({@code at+jwt}, {@code aud} = issuer) with scope
 * {@code fleet:admin}, re-checks their standing on every request, and answers every
 * refusal with an RFC 6750 {@code WWW-Authenticate} header and an RFC 9457 body. Its
 * RFC 9728 metadata is served at {@code /.well-known/oauth-protected-resource}.
 */
@Configuration(proxyBeanMethods = false)
public class AdminSecurityConfiguration {

	/** RFC 9728 protected resource metadata of the admin API. */
	static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

	@Bean
	AdminClientBootstrap adminClientBootstrap(ClientRegistry registry, AdminProperties admin,
			KeyfleetServerProperties server, AuditLog audit) {
		return new AdminClientBootstrap(registry, admin, server, audit);
	}

	@Bean
	@Order(2)
	SecurityFilterChain adminApiSecurityFilterChain(HttpSecurity http, SigningKeys keys,
			KeyfleetServerProperties server, TokenStanding standing, TokenProperties tokens, AuditLog audit) {
		JwtDecoder decoder = TokenStandingValidator.issuerTokenDecoder(keys, server.issuerUrl(), standing,
				tokens.clockSkew());
		String issuer = server.issuerUrl();
		BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
		// a fixed URL, never one built from the request's Host header
		bearer.setResourceMetadataParameterResolver(request -> issuer + METADATA_PATH);
		BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();
		http.securityMatcher("/api/**", METADATA_PATH);
		http.authorizeHttpRequests(authorize -> authorize.requestMatchers(METADATA_PATH)
			.permitAll()
			.anyRequest()
			.hasAuthority("SCOPE_fleet:admin"));
		http.oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> jwt.decoder(decoder))
			.protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(builder -> builder
				.resource(issuer)
				.authorizationServer(issuer)
				.scope("fleet:admin")
				.resourceName("Keyfleet admin API")
				.tlsClientCertificateBoundAccessTokens(false)))
			.authenticationEntryPoint((request, response, ex) -> {
				bearer.commence(request, response, ex);
				audit.refused("admin-api", null, "invalid_token", request.getRemoteAddr());
				ProblemResponder.write(response, HttpStatus.UNAUTHORIZED, "unauthorized",
						"a valid bearer token with scope fleet:admin is required", Map.of());
			})
			.accessDeniedHandler((request, response, ex) -> {
				denied.handle(request, response, ex);
				audit.refused("admin-api", (request.getUserPrincipal() != null) ? request.getUserPrincipal().getName()
						: null, "insufficient_scope", request.getRemoteAddr());
				ProblemResponder.write(response, HttpStatus.FORBIDDEN, "forbidden", "scope fleet:admin is required",
						Map.of());
			}));
		http.csrf(csrf -> csrf.disable());
		http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.requestCache(cache -> cache.disable());
		return http.build();
	}

}
