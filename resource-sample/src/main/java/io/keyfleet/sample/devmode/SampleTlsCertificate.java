package io.keyfleet.sample.devmode;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The sample's own dev-mode TLS certificate, {@code tls/resource-sample.pem} (and
 * {@code -key.pem}, owner-only) in the auth-server's data directory: an EC P-256 server
 * certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1}, issued by the dev
 * root CA ({@code ca/root.pem}, {@code ca/root-key.pem}) so that every dev client that
 * trusts {@code root.pem} trusts the sample too. Made once and reused; made again when
 * less than 30 days remain or when the root CA changed.
 */
final class SampleTlsCertificate {

	private static final Duration VALIDITY = Duration.ofDays(397);

	private static final Duration RENEW_BEFORE = Duration.ofDays(30);

	private final Path dataDirectory;

	SampleTlsCertificate(Path dataDirectory) {
		this.dataDirectory = dataDirectory;
	}

	Path certificate() {
		return this.dataDirectory.resolve("tls/resource-sample.pem");
	}

	Path privateKey() {
		return this.dataDirectory.resolve("tls/resource-sample-key.pem");
	}

	Path rootCertificate() {
		return this.dataDirectory.resolve("ca/root.pem");
	}

	private Path rootKey() {
		return this.dataDirectory.resolve("ca/root-key.pem");
	}

	/** Creates the certificate unless a current one from the same root exists. */
	void ensure() {
		X509Certificate root = readCertificate(rootCertificate());
		if (Files.isRegularFile(certificate()) && Files.isRegularFile(privateKey())) {
			X509Certificate current = readCertificate(certificate());
			boolean sameRoot = current.getIssuerX500Principal().equals(root.getSubjectX500Principal())
					&& verifies(current, root);
			if (sameRoot && current.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE))) {
				return;
			}
		}
		KeyPair pair = newKeyPair();
		X509Certificate issued = issue(pair, root, readPrivateKey(rootKey()));
		write(privateKey(), pkcs8(pair.getPrivate()), true);
		write(certificate(), pem(issued), false);
	}

	private static X509Certificate issue(KeyPair pair, X509Certificate root, PrivateKey rootKey) {
		try {
			Instant now = Instant.now();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(root,
					new BigInteger(64, new SecureRandom()).add(BigInteger.ONE), Date.from(now.minus(Duration.ofMinutes(5))),
					Date.from(now.plus(VALIDITY)), new X500Name("CN=localhost,O=Keyfleet (dev mode),OU=resource-sample"),
					pair.getPublic());
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
				.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
				.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(pair.getPublic()))
				.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(root))
				.addExtension(Extension.subjectAlternativeName, false,
						new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
								new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
								new GeneralName(GeneralName.iPAddress, "::1") }));
			return new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(rootKey)));
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot issue the sample's TLS certificate: " + ex.getMessage(), ex);
		}
	}

	private static boolean verifies(X509Certificate certificate, X509Certificate root) {
		try {
			certificate.verify(root.getPublicKey());
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static KeyPair newKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static X509Certificate readCertificate(Path file) {
		try (var in = Files.newInputStream(file)) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException("dev mode: cannot read " + file + " (" + ex.getMessage()
					+ "); start the auth-server once from this directory, or set KEYFLEET_DATA_DIR", ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("dev mode: " + file + " is not a certificate", ex);
		}
	}

	private static PrivateKey readPrivateKey(Path file) {
		try (PEMParser parser = new PEMParser(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
			Object object = parser.readObject();
			if (!(object instanceof PrivateKeyInfo info)) {
				throw new IllegalStateException("dev mode: " + file + " is not a PKCS#8 private key");
			}
			return new JcaPEMKeyConverter().getPrivateKey(info);
		}
		catch (IOException ex) {
			throw new IllegalStateException("dev mode: cannot read the dev root CA key " + file, ex);
		}
	}

	private static String pkcs8(PrivateKey key) {
		try {
			return pem(new JcaPKCS8Generator(key, null));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String pem(Object object) {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			writer.writeObject(object);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	/** Atomic, and owner-only for private material (as the auth-server writes its own). */
	private static void write(Path file, String content, boolean ownerOnly) {
		try {
			Files.createDirectories(file.getParent());
			Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
			try {
				if (ownerOnly && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
					Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
				}
				Files.writeString(tmp, content, StandardCharsets.US_ASCII);
				try {
					Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				}
				catch (AtomicMoveNotSupportedException ex) {
					Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
				}
			}
			finally {
				Files.deleteIfExists(tmp);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file, ex);
		}
	}

}
