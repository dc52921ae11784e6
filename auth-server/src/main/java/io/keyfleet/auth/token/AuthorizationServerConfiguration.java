package io.keyfleet.auth.token;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.X509ClientCertificateAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.web.authentication.X509ClientCertificateAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

import io.keyfleet.auth.KeyfleetServerProperties;
import io.keyfleet.auth.keys.KeyEncryptionKey;
import io.keyfleet.auth.client.KeyfleetRegisteredClientRepository;
import io.keyfleet.auth.client.ResolvedClientCache;
import io.keyfleet.auth.attestation.AttestationRequestCheck;
import io.keyfleet.auth.clientauth.AssertionLifetimeValidator;
import io.keyfleet.auth.clientauth.ClientAssertionClaimsValidator;
import io.keyfleet.auth.clientauth.ClientAssertionConverter;
import io.keyfleet.auth.clientauth.ClientAssertionDecoderFactory;
import io.keyfleet.auth.clientauth.ClientCertificateVerifier;
import io.keyfleet.auth.clientauth.FactoryCertificateTrust;
import io.keyfleet.auth.clientauth.HashedSecretPasswordEncoder;
import io.keyfleet.auth.clientauth.JtiReplayValidator;
import io.keyfleet.auth.clientauth.MtlsProperties;
import io.keyfleet.auth.clientauth.MutualTlsClientConverter;
import io.keyfleet.auth.clientauth.TrustedCertificateAuthorities;
import io.keyfleet.auth.provisioning.JustInTimeClientAuthenticationProvider;
import io.keyfleet.auth.provisioning.JustInTimeRegistration;
import io.keyfleet.auth.revocation.IntrospectionAccessPolicy;
import io.keyfleet.auth.revocation.StatelessAuthorizationService;
import io.keyfleet.auth.store.StateStore;
import io.keyfleet.auth.web.KeyfleetErrorCodes;
import io.keyfleet.auth.events.EventStream;
import io.keyfleet.auth.web.KeyfleetErrorResponseHandler;
import io.keyfleet.auth.web.OAuth2ErrorResponder;

/**
 * Spring Security's authorization server, extended only through its own extension points:
 * converters and providers for client authentication, a validator for client credentials
 * requests, the token customizer, the introspection policy, the error and success
 * handlers. Its chain covers exactly the endpoints Keyfleet serves — token, JWKS,
 * introspection, revocation — so the authorization-code, device and PAR endpoints do not
 * exist here.
 */
@Configuration(proxyBeanMethods = false)
public class AuthorizationServerConfiguration {

	@Bean
	AuthorizationServerSettings authorizationServerSettings(KeyfleetServerProperties server) {
		return AuthorizationServerSettings.builder().issuer(server.issuerUrl()).build();
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> keyfleetTokenCustomizer(List<ClaimContributor> contributors) {
		return new KeyfleetTokenCustomizer(contributors);
	}

	@Bean
	ClientAssertionDecoderFactory clientAssertionDecoderFactory(ResolvedClientCache clients, StateStore store,
			TokenProperties tokens, KeyfleetServerProperties server, Clock clock) {
		AssertionLifetimeValidator lifetime = new AssertionLifetimeValidator(tokens.assertionMaxLifetime(),
				tokens.clockSkew(), clock);
		JtiReplayValidator replay = new JtiReplayValidator(store, tokens.clockSkew(), clock);
		Set<String> audiences = ClientAssertionClaimsValidator.audiencesOf(server.issuerUrl());
		return new ClientAssertionDecoderFactory(clients, registeredClient -> {
			// iss = sub = client_id, aud = this server, exp present, exp/nbf in range, then the
			// lifetime bound; the jti is burnt only if all of these passed
			DelegatingOAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
					List.<OAuth2TokenValidator<Jwt>>of(new ClientAssertionClaimsValidator(registeredClient.getClientId(),
							audiences, tokens.clockSkew(), clock), lifetime, replay));
			validator.setFailOnError(true);
			return validator;
		});
	}

	@Bean
	TrustedCertificateAuthorities trustedCertificateAuthorities(MtlsProperties mtls) {
		return TrustedCertificateAuthorities.fromFiles(mtls.trustedCaFiles());
	}

	@Bean
	ClientCertificateVerifier clientCertificateVerifier(ResolvedClientCache clients,
			TrustedCertificateAuthorities authorities, StateStore store, FactoryCertificateTrust factoryCertificates) {
		return new ClientCertificateVerifier(clients, authorities, store, factoryCertificates);
	}

	@Bean
	DPoPNonces dPoPNonces(KeyEncryptionKey kek, DPoPProperties dpop, Clock clock) {
		return new DPoPNonces(kek.derive("dpop nonce v1"), dpop.nonceLifetime(), clock);
	}

	@Bean
	DPoPProofCheck dPoPProofCheck(StateStore store, DPoPNonces nonces, DPoPProperties dpop, Clock clock) {
		return new DPoPProofCheck(new RedisDPoPProofCache(store, clock), nonces, dpop.requireNonce());
	}

	@Bean
	CertificateBindingContributor certificateBindingContributor() {
		return new CertificateBindingContributor();
	}

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http,
			KeyfleetRegisteredClientRepository clients, StatelessAuthorizationService authorizations,
			ClientAssertionDecoderFactory assertionDecoders, ClientCertificateVerifier certificates, DPoPProofCheck dpop,
			AttestationRequestCheck attestation, JustInTimeRegistration justInTime, AuthorizationServerSettings settings,
			ResolvedClientCache resolvedClients, OAuth2ErrorResponder errors, MeterRegistry meters, EventStream events) {
		KeyfleetErrorResponseHandler errorHandler = new KeyfleetErrorResponseHandler(errors);
		http.securityMatcher(new OrRequestMatcher(PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/oauth2/token"),
				PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/oauth2/introspect"),
				PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/oauth2/revoke"),
				PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/oauth2/jwks")));
		http.oauth2AuthorizationServer(server -> server.registeredClientRepository(clients)
			.authorizationService(authorizations)
			.clientAuthentication(clientAuthentication -> clientAuthentication
				.authenticationConverters(converters -> {
					converters.add(0, new ClientAssertionConverter());
					converters.add(1, new MutualTlsClientConverter(resolvedClients));
					// it guesses the method from the chain's length; ours asks the registration
					converters.removeIf(converter -> converter instanceof X509ClientCertificateAuthenticationConverter);
				})
				// first: registers an enrollment group's device on first contact, then steps aside
				.authenticationProvider(new JustInTimeClientAuthenticationProvider(justInTime, resolvedClients,
						settings.getTokenEndpoint()))
				.authenticationProviders(providers -> providers.forEach(provider -> {
					if (provider instanceof JwtClientAssertionAuthenticationProvider assertions) {
						assertions.setJwtDecoderFactory(assertionDecoders);
					}
					if (provider instanceof X509ClientCertificateAuthenticationProvider x509) {
						x509.setCertificateVerifier(certificates);
					}
					if (provider instanceof ClientSecretAuthenticationProvider secrets) {
						secrets.setPasswordEncoder(new HashedSecretPasswordEncoder());
					}
				}))
				.errorResponseHandler(errorHandler))
			.tokenEndpoint(token -> token.accessTokenRequestConverter(new DefaultScopeRequestConverter())
				.authenticationProviders(providers -> providers.forEach(provider -> {
					if (provider instanceof OAuth2ClientCredentialsAuthenticationProvider clientCredentials) {
						clientCredentials
							.setAuthenticationValidator(
									new ClientCredentialsRequestValidator(settings.getIssuer()).andThen(dpop).andThen(attestation));
					}
				}))
				.accessTokenResponseHandler(new TokenIssuedHandler(meters, events))
				.errorResponseHandler(errorHandler))
			.tokenIntrospectionEndpoint(introspection -> introspection
				.authenticationProviders(providers -> providers.replaceAll(provider -> (provider instanceof OAuth2TokenIntrospectionAuthenticationProvider)
						? new IntrospectionAccessPolicy(provider) : provider))
				.errorResponseHandler(errorHandler))
			.tokenRevocationEndpoint(revocation -> revocation.errorResponseHandler(errorHandler)));
		http.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated());
		// the token, introspection and revocation filters sit behind authorization: a request
		// with no client credentials at all is stopped there, and answered the OAuth way
		http.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint((request, response, ex) -> errors
			.write(request, response, new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
					"client authentication is required", KeyfleetErrorCodes.ERROR_URI), 0)));
		http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.requestCache(cache -> cache.disable());
		return http.build();
	}

}
