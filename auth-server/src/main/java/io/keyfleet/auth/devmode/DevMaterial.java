package io.keyfleet.auth.devmode;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.keyfleet.auth.keys.KeyEncryptionKey;
import io.keyfleet.auth.keys.Pem;
import io.keyfleet.auth.pki.CertificateBuilder;

/**
 * Generates, once, the key material dev mode runs on, and reuses it on every later start:
 *
 * <ul>
 * <li>{@code ca/root.pem} (+ key): the dev root CA, trust anchor for everything below;</li>
 * <li>{@code ca/device-ca.pem} (+ key): the device CA under the root;</li>
 * <li>{@code tls/server.pem} (+ key): TLS certificate for {@code localhost},
 * {@code 127.0.0.1} and {@code ::1}, renewed when less than 30 days remain;</li>
 * <li>{@code keys/signing-key.pem}: the ES256 token-signing key;</li>
 * <li>{@code keys/kek.key}: the AES-256 key-encryption key.</li>
 * </ul>
 */
public final class DevMaterial {

	private static final Duration RENEW_BEFORE = Duration.ofDays(30);

	private final DataDirectory dir;

	public DevMaterial(DataDirectory dir) {
		this.dir = dir;
	}

	public Path rootCertificate() {
		return this.dir.path().resolve("ca/root.pem");
	}

	public Path deviceCaCertificate() {
		return this.dir.path().resolve("ca/device-ca.pem");
	}

	public Path deviceCaKey() {
		return this.dir.path().resolve("ca/device-ca-key.pem");
	}

	public Path serverCertificate() {
		return this.dir.path().resolve("tls/server.pem");
	}

	public Path serverKey() {
		return this.dir.path().resolve("tls/server-key.pem");
	}

	public Path signingKey() {
		return this.dir.path().resolve("keys/signing-key.pem");
	}

	public Path keyEncryptionKey() {
		return this.dir.path().resolve("keys/kek.key");
	}

	/** Creates whatever is missing (or expiring); leaves everything else as it is. */
	public void ensure() {
		this.dir.privateDirectory("ca");
		this.dir.privateDirectory("tls");
		this.dir.privateDirectory("keys");
		Issuer root = ensureCa(rootCertificate(), this.dir.path().resolve("ca/root-key.pem"), null,
				"CN=Keyfleet Dev Root CA,O=Keyfleet (dev mode)", Duration.ofDays(3650), null);
		ensureCa(deviceCaCertificate(), deviceCaKey(), root,
				"CN=Keyfleet Dev Device CA,O=Keyfleet (dev mode)", Duration.ofDays(1825), 0);
		ensureServerCertificate(root);
		if (!Files.exists(signingKey())) {
			this.dir.writePrivate(signingKey(), Pem.writePkcs8(CertificateBuilder.newP256KeyPair().getPrivate()));
		}
		if (!Files.exists(keyEncryptionKey())) {
			this.dir.writePrivate(keyEncryptionKey(), KeyEncryptionKey.generateBase64() + "\n");
		}
	}

	private Issuer ensureCa(Path certFile, Path keyFile, Issuer parent, String subject, Duration validity,
			Integer pathLength) {
		if (Files.exists(certFile) && Files.exists(keyFile)) {
			return new Issuer(Pem.readCertificates(read(certFile)).get(0), Pem.readKeyPair(read(keyFile)));
		}
		KeyPair pair = CertificateBuilder.newP256KeyPair();
		CertificateBuilder builder = CertificateBuilder.forSubject(subject, pair.getPublic())
			.validFor(validity)
			.certificateAuthority(pathLength);
		X509Certificate certificate = (parent == null) ? builder.selfSigned(pair.getPrivate()).build()
				: builder.issuedBy(parent.certificate(), parent.keyPair().getPrivate()).build();
		this.dir.writePrivate(keyFile, Pem.writePkcs8(pair.getPrivate()));
		this.dir.writePublic(certFile, Pem.write(certificate));
		return new Issuer(certificate, pair);
	}

	private void ensureServerCertificate(Issuer root) {
		if (Files.exists(serverCertificate()) && Files.exists(serverKey())) {
			X509Certificate current = Pem.readCertificates(read(serverCertificate())).get(0);
			boolean sameRoot = current.getIssuerX500Principal().equals(root.certificate().getSubjectX500Principal());
			if (sameRoot && current.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE))) {
				return;
			}
		}
		KeyPair pair = CertificateBuilder.newP256KeyPair();
		CertificateBuilder builder = CertificateBuilder.forSubject("CN=localhost,O=Keyfleet (dev mode)", pair.getPublic())
			.issuedBy(root.certificate(), root.keyPair().getPrivate())
			.validFor(Duration.ofDays(397))
			.serverAuth()
			.dnsName("localhost");
		for (String ip : List.of("127.0.0.1", "::1")) {
			builder.ipAddress(address(ip));
		}
		this.dir.writePrivate(serverKey(), Pem.writePkcs8(pair.getPrivate()));
		this.dir.writePublic(serverCertificate(), Pem.write(builder.build()));
	}

	private static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("cannot read " + file, ex);
		}
	}

	private record Issuer(X509Certificate certificate, KeyPair keyPair) {
	}

}
