package io.keyfleet.auth.pki;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;

import io.keyfleet.auth.KeyfleetServerProperties;
import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.client.ClientRegistry;
import io.keyfleet.auth.client.ClientService;
import io.keyfleet.auth.store.StateStore;

/**
 * Wires the device PKI: the CA from {@code keyfleet.pki.device-ca.*} — PEM files, a
 * PKCS#12 file or a PKCS#11 token; the start fails without one — issuance, revocation —
 * also when a device is retired — the CRL and OCSP.
 */
@Configuration(proxyBeanMethods = false)
public class PkiConfiguration {

	@Bean
	DeviceCa deviceCa(PkiProperties properties) {
		return DeviceCaSources.load(properties.deviceCa());
	}

	@Bean
	CertificateStore certificateStore(StateStore store, Clock clock) {
		return new CertificateStore(store, clock);
	}

	@Bean
	CertificateIssuer certificateIssuer(DeviceCa ca, ClientRegistry registry, CertificateStore store,
			PkiProperties properties, KeyfleetServerProperties server) {
		return new CertificateIssuer(ca, registry, store, properties.certificateLifetime(), server.issuerUrl());
	}

	@Bean
	CertificateRevoker certificateRevoker(CertificateStore store, AuditLog audit, ClientService clients) {
		CertificateRevoker revoker = new CertificateRevoker(store, audit);
		clients.onRetired(revoker::revokeAllOf);
		return revoker;
	}

	@Bean
	CurrentCrl currentCrl(CertificateStore store, DeviceCa ca, PkiProperties properties, Clock clock) {
		return new CurrentCrl(store, new CrlBuilder(ca), properties.crlValidity(), clock);
	}

	@Bean
	HttpFirewall httpFirewall() {
		return new OcspGetFirewall();
	}

	@Bean
	OcspResponder ocspResponder(DeviceCa ca, CertificateStore store, PkiProperties properties, Clock clock) {
		return new OcspResponder(ca, store::find, properties.ocspValidity(), clock, new OcspResponseCache(
				properties.ocspCacheLifetime(), properties.ocspValidity(), store::revocationCount, clock));
	}

}
