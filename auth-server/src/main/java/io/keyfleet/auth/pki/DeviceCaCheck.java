package io.keyfleet.auth.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;

import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * What a device CA must be before the server starts with it, whatever its source: a CA
 * certificate that may sign certificates and CRLs (RFC 5280 §4.2.1.9 basicConstraints
 * {@code cA}, §4.2.1.3 {@code keyCertSign} and {@code cRLSign} when key usage is present),
 * and a private key that belongs to it — checked by signing a probe with the key, in its
 * token if it lives in one, and verifying it with the certificate's public key, since a
 * token key cannot be compared by its encoding.
 */
final class DeviceCaCheck {

	private static final byte[] PROBE = "keyfleet device CA probe".getBytes(StandardCharsets.US_ASCII);

	/** Key usage bits (RFC 5280 §4.2.1.3), as {@link X509Certificate#getKeyUsage()} indexes them. */
	private static final int KEY_CERT_SIGN = 5;

	private static final int CRL_SIGN = 6;

	private DeviceCaCheck() {
	}

	/**
	 * @param source the properties the CA came from, for the messages
	 * @return {@code ca}, checked
	 */
	static DeviceCa verify(DeviceCa ca, String source) {
		X509Certificate certificate = ca.certificate();
		String subject = certificate.getSubjectX500Principal().getName();
		if (certificate.getBasicConstraints() < 0) {
			throw new IllegalStateException(source + ": the certificate " + subject
					+ " is not a CA certificate (RFC 5280 §4.2.1.9: basicConstraints cA=true)");
		}
		boolean[] usage = certificate.getKeyUsage();
		if (usage != null && (!usage[KEY_CERT_SIGN] || !usage[CRL_SIGN])) {
			throw new IllegalStateException(source + ": the key usage of " + subject
					+ " lacks keyCertSign or cRLSign (RFC 5280 §4.2.1.3), which a device CA needs");
		}
		if (!verifies(ca, probeSignature(ca, source))) {
			throw new IllegalStateException(source + ": the private key does not belong to the certificate " + subject);
		}
		return ca;
	}

	private static Signed probeSignature(DeviceCa ca, String source) {
		try {
			ContentSigner signer = ca.signer();
			write(signer.getOutputStream());
			return new Signed(signer, signer.getSignature());
		}
		catch (RuntimeException ex) {
			// a token that refuses the mechanism or the session: say so, not "wrong key"
			throw new IllegalStateException(source + ": cannot sign with the device CA key: " + ex.getMessage(), ex);
		}
	}

	private static boolean verifies(DeviceCa ca, Signed probe) {
		try {
			ContentVerifier verifier = new JcaContentVerifierProviderBuilder().build(ca.certificate())
				.get(probe.signer().getAlgorithmIdentifier());
			write(verifier.getOutputStream());
			return verifier.verify(probe.signature());
		}
		catch (OperatorCreationException | RuntimeException ex) {
			// e.g. an RSA key with an EC certificate: the signature cannot even be checked
			return false;
		}
	}

	private record Signed(ContentSigner signer, byte[] signature) {
	}

	private static void write(OutputStream out) {
		try (out) {
			out.write(PROBE);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
