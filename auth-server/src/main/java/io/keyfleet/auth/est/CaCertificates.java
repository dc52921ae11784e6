package io.keyfleet.auth.est;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import io.keyfleet.auth.keys.Pem;
import io.keyfleet.auth.pki.DeviceCa;

/**
 * What EST {@code cacerts} serves (RFC 7030 §4.1.3): the device CA and the CAs above it
 * ({@code keyfleet.pki.device-ca.chain}; dev mode: its root), encoded once as a base64
 * certs-only message since they only change with a restart.
 */
final class CaCertificates {

	private final String certsOnly;

	private CaCertificates(String certsOnly) {
		this.certsOnly = certsOnly;
	}

	static CaCertificates of(DeviceCa ca, Path chain) {
		List<X509Certificate> certificates = new ArrayList<>(List.of(ca.certificate()));
		if (chain != null) {
			try {
				certificates.addAll(Pem.readCertificates(Files.readString(chain, StandardCharsets.US_ASCII)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("keyfleet.pki.device-ca.chain: cannot read " + chain, ex);
			}
		}
		return new CaCertificates(CertsOnly.encode(certificates));
	}

	/** Base64 of the DER certs-only message. */
	String certsOnly() {
		return this.certsOnly;
	}

}
