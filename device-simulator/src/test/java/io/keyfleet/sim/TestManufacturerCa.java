package io.keyfleet.sim;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A device manufacturer's CA made with BouncyCastle, and the factory certificates it puts
 * on devices ({@code CN=<device id>}): what a server configured with the CA in
 * {@code keyfleet.mtls.trusted-ca-files} accepts for EST {@code simpleenroll}.
 */
final class TestManufacturerCa {

	private final KeyPair keys = EcKeys.generate();

	private final X509Certificate certificate;

	TestManufacturerCa(String name) throws Exception {
		X500Name subject = new X500Name("CN=" + name);
		this.certificate = sign(builder(subject, subject, this.keys)
			.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
			.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)));
	}

	/**
	 * @param file where to write the CA certificate (PEM)
	 * @return {@code file}
	 */
	Path writeCertificate(Path file) throws Exception {
		Files.writeString(file, Pem.encodeCertificate(this.certificate), StandardCharsets.US_ASCII);
		return file;
	}

	/**
	 * Issues a factory certificate and writes it and its key as PEM.
	 * @param deviceId its CN
	 * @param directory where to write {@code <id>.factory.pem} and {@code <id>.factory-key.pem}
	 * @return the two files: certificate, key
	 */
	Path[] issueFactoryCertificate(String deviceId, Path directory) throws Exception {
		KeyPair device = EcKeys.generate();
		X509Certificate factory = sign(builder(new X500Name(this.certificate.getSubjectX500Principal().getName()),
				new X500Name("CN=" + deviceId), device)
			.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
			.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature)));
		Path certificateFile = Files.writeString(directory.resolve(deviceId + ".factory.pem"),
				Pem.encodeCertificate(factory), StandardCharsets.US_ASCII);
		Path keyFile = Files.writeString(directory.resolve(deviceId + ".factory-key.pem"),
				Pem.encodePrivateKey(device.getPrivate()), StandardCharsets.US_ASCII);
		return new Path[] { certificateFile, keyFile };
	}

	private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair subjectKeys) {
		Instant now = Instant.now();
		return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()).add(BigInteger.ONE),
				Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), subject,
				subjectKeys.getPublic());
	}

	private X509Certificate sign(X509v3CertificateBuilder builder) throws Exception {
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(this.keys.getPrivate())));
	}

}
