package io.keyfleet.guard.web;

import io.keyfleet.guard.KeyfleetGuardProperties;
import io.keyfleet.guard.dpop.DPoPProofAuthenticationConverter;

import org.springframework.context.ApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.DPoPProofContext;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.server.resource.authentication.DPoPAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;

/**
 * Puts the guard in front of a {@code SecurityFilterChain}:
 *
 * <pre>
 * http.with(KeyfleetGuardConfigurer.keyfleetGuard(), Customizer.withDefaults())
 *     .authorizeHttpRequests((requests) -&gt; requests
 *         .requestMatchers(GET, "/fleet/summary").access(guard.scope("fleet:read"))
 *         .anyRequest().denyAll());
 * </pre>
 *
 * It configures Spring Security's resource server with the guard's {@link JwtDecoder}
 * (RFC 9068 checks and the token's standing), DPoP support (RFC 9449,
 * {@code oauth2ResourceServer().dPoP()}) with the guard's proof verifier
 * ({@code DPoPAuthenticationProvider#setDPoPProofVerifierFactory}: shared replay store,
 * key binding first, nonces), the guard's entry point and access-denied handler for every
 * request (Bearer and DPoP alike), RFC 9728 metadata naming the issuer, stateless
 * sessions, and no CSRF protection — no cookie authenticates anything here, and Spring's
 * CSRF exemption covers Bearer requests only, not DPoP ones.
 */
public final class KeyfleetGuardConfigurer extends AbstractHttpConfigurer<KeyfleetGuardConfigurer, HttpSecurity> {

	/** The configurer, for {@code http.with(keyfleetGuard(), withDefaults())}. */
	public static KeyfleetGuardConfigurer keyfleetGuard() {
		return new KeyfleetGuardConfigurer();
	}

	@Override
	public void init(HttpSecurity http) {
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		KeyfleetGuardProperties properties = context.getBean(KeyfleetGuardProperties.class);
		JwtDecoder decoder = context.getBean(JwtDecoder.class);
		JwtDecoderFactory<DPoPProofContext> proofVerifiers = context
			.<JwtDecoderFactory<DPoPProofContext>>getBeanProvider(
					ResolvableType.forClassWithGenerics(JwtDecoderFactory.class, DPoPProofContext.class))
			.getObject();
		GuardAuthenticationEntryPoint entryPoint = context.getBean(GuardAuthenticationEntryPoint.class);
		GuardAccessDeniedHandler accessDenied = context.getBean(GuardAccessDeniedHandler.class);
		AuthenticationEntryPointFailureHandler failureHandler = new AuthenticationEntryPointFailureHandler(entryPoint);
		// the entry point answers "could not decide" (AuthenticationServiceException) with a 503 itself
		failureHandler.setRethrowAuthenticationServiceException(false);
		// @formatter:off
		http
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.decoder(decoder))
				.dPoP((dPoP) -> dPoP
					.authenticationConverter(new DPoPProofAuthenticationConverter())
					.authenticationFailureHandler(failureHandler))
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDenied)
				.protectedResourceMetadata((metadata) -> metadata.protectedResourceMetadataCustomizer((resource) -> resource
					.resource(properties.audience())
					.authorizationServer(properties.issuerUri())
					.tlsClientCertificateBoundAccessTokens(true)
					.claim("dpop_signing_alg_values_supported", GuardResponses.DPOP_ALGS.split(" "))))
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
					@Override
					public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
						filter.setAuthenticationFailureHandler(failureHandler);
						return filter;
					}
				})
				.withObjectPostProcessor(new ObjectPostProcessor<DPoPAuthenticationProvider>() {
					@Override
					public <O extends DPoPAuthenticationProvider> O postProcess(O provider) {
						provider.setDPoPProofVerifierFactory(proofVerifiers);
						return provider;
					}
				}))
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDenied))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.csrf((csrf) -> csrf.disable());
		// @formatter:on
	}

}
