package io.keyfleet.sim;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

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
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A real test PKI made with BouncyCastle: a root CA and a TLS server certificate it issued
 * for {@code 127.0.0.1} and {@code localhost}, like the dev-mode server's {@code ca/root.pem}
 * and {@code tls/server.pem}.
 */
final class TestPki {

	private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

	private static final char[] PASSWORD = "test".toCharArray();

	private final X509Certificate caCertificate;

	private final KeyPair serverKeys;

	private final X509Certificate serverCertificate;

	private TestPki(X509Certificate caCertificate, KeyPair serverKeys, X509Certificate serverCertificate) {
		this.caCertificate = caCertificate;
		this.serverKeys = serverKeys;
		this.serverCertificate = serverCertificate;
	}

	static TestPki create(String name) throws Exception {
		KeyPair caKeys = EcKeys.generate();
		X500Name caName = new X500Name("CN=" + name + " Test Root CA");
		X509v3CertificateBuilder ca = builder(caName, caName, caKeys.getPublic());
		ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
		ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
		X509Certificate caCertificate = sign(ca, caKeys);

		KeyPair serverKeys = EcKeys.generate();
		X509v3CertificateBuilder server = builder(caName, new X500Name("CN=localhost"), serverKeys.getPublic());
		server.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
		server.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
		server.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
		server.addExtension(Extension.subjectAlternativeName, false,
				new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
						new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress()) }));
		return new TestPki(caCertificate, serverKeys, sign(server, caKeys));
	}

	private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey publicKey) {
		Instant now = Instant.now();
		return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
				Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), subject,
				publicKey);
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys)
			throws OperatorCreationException, GeneralSecurityException {
		ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
		return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
	}

	/**
	 * Writes the root CA certificate as PEM, the file {@code --ca-file} takes.
	 * @param file where to write
	 * @return {@code file}
	 */
	Path writeCaPem(Path file) throws IOException {
		try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
				JcaPEMWriter pem = new JcaPEMWriter(writer)) {
			pem.writeObject(this.caCertificate);
		}
		return file;
	}

	/**
	 * @return a server TLS context presenting the server certificate and the CA
	 */
	SSLContext serverSslContext() throws GeneralSecurityException, IOException {
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		keyStore.load(null, null);
		keyStore.setKeyEntry("server", this.serverKeys.getPrivate(), PASSWORD,
				new Certificate[] { this.serverCertificate, this.caCertificate });
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keyStore, PASSWORD);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers.getKeyManagers(), null, null);
		return context;
	}

}
