package io.keyfleet.auth.web;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import org.apache.tomcat.util.net.SSLHostConfig;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import io.keyfleet.auth.KeyfleetServerProperties;
import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.clientauth.AnyClientCertificateTrustManager;
import io.keyfleet.auth.clientauth.ClientCertHeaderFilter;
import io.keyfleet.auth.clientauth.MtlsProperties;
import io.keyfleet.auth.ratelimit.RateLimitFilter;
import io.keyfleet.auth.ratelimit.RateLimitProperties;
import io.keyfleet.auth.ratelimit.RateLimiter;
import io.keyfleet.auth.store.StateStore;
import io.keyfleet.auth.token.DPoPNonces;
import io.keyfleet.auth.token.TokenLatencyFilter;

/**
 * The glue around the endpoints: servlet filters that run before Spring Security (latency
 * histogram, fail-closed translation of state store outages, malformed forms, rate
 * limits) and the
 * security chains for the public endpoints and everything else.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

	/** Before Spring Security's filter chain (order -100). */
	private static final int FIRST = -400;

	@Bean
	ProductionTlsCheck productionTlsCheck(KeyfleetServerProperties server, Environment environment) {
		return new ProductionTlsCheck(server, environment);
	}

	@Bean
	OAuth2ErrorResponder oauth2ErrorResponder(MeterRegistry meters, AuditLog audit, DPoPNonces nonces) {
		return new OAuth2ErrorResponder(meters, audit, nonces::issue);
	}

	@Bean
	FilterRegistrationBean<TokenLatencyFilter> tokenLatencyFilter(MeterRegistry meters) {
		FilterRegistrationBean<TokenLatencyFilter> registration = new FilterRegistrationBean<>(
				new TokenLatencyFilter(meters));
		registration.setOrder(FIRST);
		return registration;
	}

	@Bean
	ObservationPredicate tokenEndpointObservationPredicate() {
		return TokenLatencyFilter.skipGenericObservation();
	}

	@Bean
	FilterRegistrationBean<StateStoreFailureFilter> stateStoreFailureFilter(OAuth2ErrorResponder responder) {
		FilterRegistrationBean<StateStoreFailureFilter> registration = new FilterRegistrationBean<>(
				new StateStoreFailureFilter(responder));
		registration.setOrder(FIRST + 100);
		return registration;
	}

	@Bean
	FilterRegistrationBean<MalformedRequestFilter> malformedRequestFilter(OAuth2ErrorResponder responder) {
		FilterRegistrationBean<MalformedRequestFilter> registration = new FilterRegistrationBean<>(
				new MalformedRequestFilter(responder));
		registration.setOrder(FIRST + 150);
		return registration;
	}

	/**
	 * Requests Spring Security's firewall refuses (encoded slashes, path traversal...) get
	 * a problem, not the container's HTML page.
	 */
	@Bean
	RequestRejectedHandler requestRejectedHandler() {
		return (request, response, ex) -> ProblemResponder.write(response, HttpStatus.BAD_REQUEST, "invalid-request",
				"the request was rejected as malformed", Map.of());
	}

	/**
	 * Tomcat would refuse {@code %2F} with an HTML page; the firewall refuses it with a
	 * problem. And every client certificate passes the TLS handshake, to be judged by the
	 * token endpoint ({@link AnyClientCertificateTrustManager}).
	 */
	@Bean
	TomcatConnectorCustomizer keyfleetConnectorCustomizer() {
		return connector -> {
			connector.setEncodedSolidusHandling("passthrough");
			for (SSLHostConfig tls : connector.findSslHostConfigs()) {
				if (tls.getCertificateVerification() != SSLHostConfig.CertificateVerification.NONE) {
					tls.setTrustManagerClassName(AnyClientCertificateTrustManager.class.getName());
				}
			}
		};
	}

	/** First of all: only a trusted proxy may tell which certificate the client presented. */
	@Bean
	FilterRegistrationBean<ClientCertHeaderFilter> clientCertHeaderFilter(MtlsProperties mtls) {
		FilterRegistrationBean<ClientCertHeaderFilter> registration = new FilterRegistrationBean<>(
				new ClientCertHeaderFilter(mtls.trustedProxies()));
		registration.setOrder(FIRST - 100);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RateLimitFilter> rateLimitFilter(StateStore store, RateLimitProperties limits,
			OAuth2ErrorResponder responder) {
		FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
				new RateLimitFilter(new RateLimiter(store), limits, responder));
		registration.setOrder(FIRST + 200);
		return registration;
	}

	/**
	 * Metadata, challenges, the device CA's CRL and OCSP responder, health, metrics and the
	 * OpenAPI document need no credentials.
	 */
	@Bean
	@Order(3)
	SecurityFilterChain publicEndpointsSecurityFilterChain(HttpSecurity http) {
		http.securityMatcher("/.well-known/oauth-authorization-server", "/oauth2/challenge", "/pki/crl",
				"/pki/ocsp", "/pki/ocsp/**", "/actuator/health",
				"/actuator/health/**", "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**");
		http.authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll());
		http.csrf(csrf -> csrf.disable());
		http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.requestCache(cache -> cache.disable());
		return http.build();
	}

	/**
	 * Everything else: no endpoint exists there, so requests get a 404 problem from Spring
	 * MVC — except other actuator endpoints, which are refused outright.
	 */
	@Bean
	@Order(100)
	SecurityFilterChain fallbackSecurityFilterChain(HttpSecurity http) {
		http.authorizeHttpRequests(authorize -> authorize.requestMatchers("/actuator/**")
			.denyAll()
			.anyRequest()
			.permitAll());
		http.csrf(csrf -> csrf.disable());
		http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.requestCache(cache -> cache.disable());
		http.exceptionHandling(exceptions -> exceptions
			.authenticationEntryPoint((request, response, ex) -> notFound(response))
			.accessDeniedHandler((request, response, ex) -> notFound(response)));
		return http.build();
	}

	private static void notFound(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
		ProblemResponder.write(response, HttpStatus.NOT_FOUND, "not-found", "no such endpoint", Map.of());
	}

}
