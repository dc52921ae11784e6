package io.keyfleet.auth.est;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.client.ClientRegistry;
import io.keyfleet.auth.clientauth.TrustedCertificateAuthorities;
import io.keyfleet.auth.pki.CertificateIssuer;
import io.keyfleet.auth.pki.CertificateStore;
import io.keyfleet.auth.pki.DeviceCa;
import io.keyfleet.auth.pki.PkiProperties;
import io.keyfleet.auth.provisioning.JustInTimeRegistration;
import io.keyfleet.auth.store.StateStore;

/**
 * Wires EST (RFC 7030). Its requests pass Spring Security untouched: enrollment tokens
 * are not OAuth access tokens and certificate authentication is EST's own, so both are
 * done by {@link EstEnrollment}; the chain only keeps the other chains (token endpoint,
 * admin API) from ever seeing {@code /.well-known/est/**}.
 */
@Configuration(proxyBeanMethods = false)
public class EstConfiguration {

	@Bean
	EnrollmentTokens enrollmentTokens(StateStore store, PkiProperties properties) {
		return new EnrollmentTokens(store, properties.enrollmentTokenLifetime());
	}

	@Bean
	EstEnrollment estEnrollment(EnrollmentTokens tokens, TrustedCertificateAuthorities authorities, DeviceCa ca,
			CertificateStore certificates, ClientRegistry registry, CertificateIssuer issuer,
			JustInTimeRegistration justInTime, AuditLog audit) {
		return new EstEnrollment(tokens, new FactoryCertificates(authorities, ca, registry, justInTime),
				new OperationalCertificates(ca, certificates), registry, issuer, audit);
	}

	@Bean
	CaCertificates estCaCertificates(DeviceCa ca) {
		return CaCertificates.of(ca);
	}

	@Bean
	@Order(4)
	SecurityFilterChain estSecurityFilterChain(HttpSecurity http) {
		http.securityMatcher("/.well-known/est/**");
		http.authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll());
		http.csrf(csrf -> csrf.disable());
		http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.requestCache(cache -> cache.disable());
		return http.build();
	}

}
