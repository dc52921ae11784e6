package io.keyfleet.auth.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.keyfleet.auth.keys.Pem;

/**
 * The device CA: the certificate and private key that sign device certificates, the CRL
 * (RFC 5280 §5) and OCSP responses (RFC 6960, the CA as its own responder, §2.2).
 */
public final class DeviceCa {

	private final X509Certificate certificate;

	private final X509CertificateHolder holder;

	private final PrivateKey privateKey;

	DeviceCa(X509Certificate certificate, PrivateKey privateKey) {
		this.certificate = certificate;
		this.privateKey = privateKey;
		try {
			this.holder = new JcaX509CertificateHolder(certificate);
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException("device CA certificate cannot be encoded", ex);
		}
	}

	/**
	 * Reads the configured files; an unconfigured or unreadable file stops the start with
	 * a message that names the property (never the key itself).
	 */
	public static DeviceCa load(PkiProperties.DeviceCaFiles files) {
		String certificate = read(files.certificate(), "keyfleet.pki.device-ca.certificate");
		String key = read(files.privateKey(), "keyfleet.pki.device-ca.private-key");
		X509Certificate caCertificate = Pem.readCertificates(certificate).get(0);
		java.security.KeyPair pair = Pem.readKeyPair(key);
		// compared encoded: the two keys may come from different providers
		if (!java.util.Arrays.equals(caCertificate.getPublicKey().getEncoded(), pair.getPublic().getEncoded())) {
			throw new IllegalStateException("keyfleet.pki.device-ca.private-key does not belong to the certificate in "
					+ files.certificate());
		}
		return new DeviceCa(caCertificate, pair.getPrivate());
	}

	public X509Certificate certificate() {
		return this.certificate;
	}

	public X509CertificateHolder holder() {
		return this.holder;
	}

	public X500Name name() {
		return this.holder.getSubject();
	}

	PrivateKey privateKey() {
		return this.privateKey;
	}

	/** A signer with SHA-256 and the CA key's algorithm (ECDSA or RSA PKCS#1 v1.5). */
	public ContentSigner signer() {
		try {
			return new JcaContentSignerBuilder(CertificateBuilder.signatureAlgorithm(this.privateKey))
				.build(this.privateKey);
		}
		catch (OperatorCreationException ex) {
			throw new IllegalStateException("cannot sign with the device CA key", ex);
		}
	}

	private static String read(Path file, String property) {
		if (file == null) {
			throw new IllegalStateException(property + " is not configured: production mode needs the device CA"
					+ " (dev mode generates one); see docs/configuration.md");
		}
		try {
			return Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new IllegalStateException(property + ": cannot read " + file + ": " + ex.getMessage(), ex);
		}
	}

}
