package io.keyfleet.guard;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

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
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Real X.509 material for tests, made with BouncyCastle: a CA, TLS server certificates
 * for {@code localhost}/{@code 127.0.0.1}, client certificates (self-signed or CA-issued),
 * PEM files, thumbprints, and client TLS contexts presenting a given certificate.
 */
public final class TestCertificates {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final char[] PASSWORD = "test".toCharArray();

	private TestCertificates() {
	}

	/** A certificate with its key pair. */
	public record Issued(X509Certificate certificate, KeyPair keyPair) {

		/** The RFC 8705 thumbprint: base64url(SHA-256(DER)), as in {@code cnf.x5t#S256}. */
		public String thumbprint() {
			return TestCertificates.thumbprint(this.certificate);
		}

	}

	public static KeyPair newKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static Issued ca(String commonName) {
		KeyPair pair = newKeyPair();
		return new Issued(build(new X500Name("CN=" + commonName), pair, null, pair, true, false, List.of()), pair);
	}

	public static Issued selfSignedClient(String commonName) {
		KeyPair pair = newKeyPair();
		return new Issued(build(new X500Name("CN=" + commonName), pair, null, pair, false, false, List.of()), pair);
	}

	public static Issued client(Issued ca, String commonName) {
		KeyPair pair = newKeyPair();
		return new Issued(build(new X500Name("CN=" + commonName), pair, ca, null, false, false, List.of()), pair);
	}

	/** A TLS server certificate for {@code localhost} and {@code 127.0.0.1}. */
	public static Issued localhostServer(Issued ca) {
		KeyPair pair = newKeyPair();
		List<GeneralName> names = List.of(new GeneralName(GeneralName.dNSName, "localhost"),
				new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
		return new Issued(build(new X500Name("CN=localhost"), pair, ca, null, false, true, names), pair);
	}

	public static String thumbprint(X509Certificate certificate) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String pem(Object object) {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			writer.writeObject(object);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	/** Writes the certificate and its PKCS#8 key as PEM files; returns {certificate, key}. */
	public static Path[] writePem(Issued issued, Path dir, String name) {
		try {
			Files.createDirectories(dir);
			Path certificate = dir.resolve(name + ".pem");
			Path key = dir.resolve(name + "-key.pem");
			Files.writeString(certificate, pem(issued.certificate()));
			Files.writeString(key, pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(
					issued.keyPair().getPrivate(), null)));
			return new Path[] { certificate, key };
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A client TLS context that trusts {@code serverCa} and presents {@code client} (or no
	 * certificate when {@code null}).
	 */
	public static SSLContext clientContext(Issued serverCa, Issued client) {
		return clientContext(serverCa.certificate(), client);
	}

	/**
	 * A client TLS context that trusts {@code anchor} and presents {@code client} (or no
	 * certificate when {@code null}).
	 */
	public static SSLContext clientContext(X509Certificate anchor, Issued client) {
		try {
			KeyStore trust = KeyStore.getInstance("PKCS12");
			trust.load(null, null);
			trust.setCertificateEntry("ca", anchor);
			TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trust);
			KeyManagerFactory keyManagers = null;
			if (client != null) {
				KeyStore keys = KeyStore.getInstance("PKCS12");
				keys.load(null, null);
				keys.setKeyEntry("client", client.keyPair().getPrivate(), PASSWORD,
						new X509Certificate[] { client.certificate() });
				keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keyManagers.init(keys, PASSWORD);
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init((keyManagers != null) ? keyManagers.getKeyManagers() : null, trustManagers.getTrustManagers(),
					null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static X509Certificate build(X500Name subject, KeyPair pair, Issued issuer, KeyPair selfSigner,
			boolean ca, boolean server, List<GeneralName> names) {
		try {
			Instant now = Instant.now();
			X500Name issuerName = (issuer != null)
					? new X500Name(issuer.certificate().getSubjectX500Principal().getName()) : subject;
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
					new BigInteger(64, RANDOM).abs().add(BigInteger.ONE), Date.from(now.minus(Duration.ofMinutes(5))),
					Date.from(now.plus(Duration.ofDays(30))), subject, pair.getPublic());
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			builder.addExtension(Extension.subjectKeyIdentifier, false,
					extensions.createSubjectKeyIdentifier(pair.getPublic()));
			if (issuer != null) {
				builder.addExtension(Extension.authorityKeyIdentifier, false,
						extensions.createAuthorityKeyIdentifier(issuer.certificate()));
			}
			if (ca) {
				builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
				builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
			}
			else {
				builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
				builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
				builder.addExtension(Extension.extendedKeyUsage, false,
						new ExtendedKeyUsage(server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
			}
			if (!names.isEmpty()) {
				builder.addExtension(Extension.subjectAlternativeName, false,
						new GeneralNames(new ArrayList<>(names).toArray(GeneralName[]::new)));
			}
			KeyPair signer = (issuer != null) ? issuer.keyPair() : selfSigner;
			return new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
