package io.keyfleet.auth.est;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import io.keyfleet.auth.pki.DeviceCa;

/**
 * What EST {@code cacerts} serves (RFC 7030 §4.1.3): the device CA and the CAs above it
 * ({@code keyfleet.pki.device-ca.chain} or the PKCS#12 file's chain; dev mode: its root), encoded once as a base64
 * certs-only message since they only change with a restart.
 */
final class CaCertificates {

	private final String certsOnly;

	private CaCertificates(String certsOnly) {
		this.certsOnly = certsOnly;
	}

	static CaCertificates of(DeviceCa ca) {
		List<X509Certificate> certificates = new ArrayList<>(List.of(ca.certificate()));
		certificates.addAll(ca.chain());
		return new CaCertificates(CertsOnly.encode(certificates));
	}

	/** Base64 of the DER certs-only message. */
	String certsOnly() {
		return this.certsOnly;
	}

}
