package io.keyfleet.auth.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import io.keyfleet.auth.keys.Pem;

/**
 * The device CA from PEM files ({@code keyfleet.pki.device-ca.certificate},
 * {@code .private-key}, {@code .chain}): what dev mode generates and the plainest
 * production setup. Also reads the PEM certificate files the other sources may use.
 */
final class PemDeviceCa {

	static final String CERTIFICATE = "keyfleet.pki.device-ca.certificate";

	static final String PRIVATE_KEY = "keyfleet.pki.device-ca.private-key";

	static final String CHAIN = "keyfleet.pki.device-ca.chain";

	private PemDeviceCa() {
	}

	/**
	 * An unconfigured or unreadable file stops the start with a message that names the
	 * property (never the key itself).
	 */
	static DeviceCa load(PkiProperties.DeviceCaProperties files) {
		X509Certificate certificate = certificate(files.certificate(), CERTIFICATE);
		var pair = Pem.readKeyPair(read(files.privateKey(), PRIVATE_KEY));
		return new DeviceCa(certificate, chain(files.chain()), pair.getPrivate(), null);
	}

	/** The first certificate of a PEM file. */
	static X509Certificate certificate(Path file, String property) {
		List<X509Certificate> certificates = Pem.readCertificates(read(file, property));
		if (certificates.isEmpty()) {
			throw new IllegalStateException(property + ": no certificate in " + file);
		}
		return certificates.get(0);
	}

	/** The certificates of the optional chain file; none when it is not configured. */
	static List<X509Certificate> chain(Path file) {
		return (file != null) ? Pem.readCertificates(read(file, CHAIN)) : List.of();
	}

	private static String read(Path file, String property) {
		if (file == null) {
			throw new IllegalStateException(property + " is not configured: production mode needs the device CA"
					+ " (PEM files, keyfleet.pki.device-ca.pkcs12.* or keyfleet.pki.device-ca.pkcs11.*;"
					+ " dev mode generates one); see docs/configuration.md");
		}
		try {
			return Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new IllegalStateException(property + ": cannot read " + file + ": " + ex.getMessage(), ex);
		}
	}

}
