package io.keyfleet.auth.pki;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import io.keyfleet.auth.keys.Pkcs11Token;

/**
 * The device CA's key in a PKCS#11 token ({@code keyfleet.pki.device-ca.pkcs11.*}): a
 * handle to a {@code CKA_SENSITIVE} private key, so that certificates, CRLs and OCSP
 * responses are signed in the token and the key never leaves it. The certificate is the
 * token's certificate object with the same label, or a configured PEM file; the chain
 * above comes from {@code keyfleet.pki.device-ca.chain}.
 *
 * <p>
 * The token is opened with {@link Pkcs11Token}, like the token-signing key's; both may
 * name the same module and token (each gets its own SunPKCS11 instance over the one
 * initialised module; login state is per application, PKCS#11 v2.40 §5.6 {@code C_Login}).
 */
final class Pkcs11DeviceCa {

	private Pkcs11DeviceCa() {
	}

	static DeviceCa load(Pkcs11DeviceCaProperties properties, Path chainFile) {
		Pkcs11Token token = Pkcs11Token.open(properties.token(), Pkcs11DeviceCaProperties.PREFIX);
		String label = properties.keyLabel();
		X509Certificate certificate = (properties.certificate() != null)
				? PemDeviceCa.certificate(properties.certificate(), Pkcs11DeviceCaProperties.PREFIX + ".certificate")
				: certificate(token, label);
		return new DeviceCa(certificate, PemDeviceCa.chain(chainFile), privateKey(token, label), token.provider());
	}

	private static PrivateKey privateKey(Pkcs11Token token, String label) {
		try {
			Key key = token.keyStore().getKey(label, null);
			if (key instanceof PrivateKey privateKey
					&& ("EC".equals(privateKey.getAlgorithm()) || "RSA".equals(privateKey.getAlgorithm()))) {
				return privateKey;
			}
			throw new IllegalStateException(Pkcs11DeviceCaProperties.PREFIX + ": no EC or RSA private key labelled '"
					+ label + "' with a certificate of the same CKA_ID in the token (config/pkcs11/README.md)");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(
					Pkcs11DeviceCaProperties.PREFIX + ": cannot read key '" + label + "': " + ex.getMessage(), ex);
		}
	}

	private static X509Certificate certificate(Pkcs11Token token, String label) {
		try {
			Certificate certificate = token.keyStore().getCertificate(label);
			if (certificate instanceof X509Certificate x509) {
				return x509;
			}
			throw new IllegalStateException(Pkcs11DeviceCaProperties.PREFIX + ": no certificate labelled '" + label
					+ "' in the token (config/pkcs11/README.md)");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(Pkcs11DeviceCaProperties.PREFIX + ": cannot read the certificate '" + label
					+ "': " + ex.getMessage(), ex);
		}
	}

}
