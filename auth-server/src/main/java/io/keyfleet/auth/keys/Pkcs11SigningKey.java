package io.keyfleet.auth.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.interfaces.ECPublicKey;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.Base64URL;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the token-signing key from a PKCS#11 token: the private key as a handle (it never
 * leaves the token), the public key from the certificate stored under the same label and
 * {@code CKA_ID} (what the JWKS publishes).
 *
 * <p>
 * Before the key is accepted it signs one probe in the token and the signature is checked
 * with the certificate's public key, so a certificate that does not belong to the key (or a
 * token that returns signatures in another format) stops the start instead of making
 * tokens nobody can verify.
 */
final class Pkcs11SigningKey {

	private static final Logger log = LoggerFactory.getLogger(Pkcs11SigningKey.class);

	private static final byte[] PROBE = "keyfleet pkcs11 signing probe".getBytes(StandardCharsets.US_ASCII);

	private Pkcs11SigningKey() {
	}

	static SigningKey load(Pkcs11Properties properties) {
		return load(Pkcs11Token.open(properties), properties.keyLabel());
	}

	/** The key labelled {@code label} in an open token, checked with a probe signature. */
	static SigningKey load(Pkcs11Token token, String label) {
		SigningKey key = SigningKey.onToken(publicKey(token, label), privateKey(token, label), token.provider());
		probe(key, label);
		log.info("Token-signing key {} is in the PKCS#11 token ({}, label {})", key.kid(), token.provider().getName(),
				label);
		return key;
	}

	private static PrivateKey privateKey(Pkcs11Token token, String label) {
		try {
			Key key = token.keyStore().getKey(label, null);
			if (key instanceof PrivateKey privateKey && "EC".equals(privateKey.getAlgorithm())) {
				return privateKey;
			}
			throw new IllegalStateException("keyfleet.keys.pkcs11: no EC private key labelled '" + label
					+ "' with a certificate of the same CKA_ID in the token (config/pkcs11/README.md)");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("keyfleet.keys.pkcs11: cannot read key '" + label + "': " + ex.getMessage(),
					ex);
		}
	}

	private static ECPublicKey publicKey(Pkcs11Token token, String label) {
		try {
			Certificate certificate = token.keyStore().getCertificate(label);
			if (certificate != null && certificate.getPublicKey() instanceof ECPublicKey publicKey) {
				return publicKey;
			}
			throw new IllegalStateException("keyfleet.keys.pkcs11: no certificate with an EC public key labelled '"
					+ label + "' in the token (config/pkcs11/README.md)");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(
					"keyfleet.keys.pkcs11: cannot read the certificate '" + label + "': " + ex.getMessage(), ex);
		}
	}

	private static void probe(SigningKey key, String label) {
		try {
			JWSHeader header = new JWSHeader(key.algorithm());
			Base64URL signature = key.signer().sign(header, PROBE);
			if (!new ECDSAVerifier(key.verificationKey()).verify(header, PROBE, signature)) {
				throw new IllegalStateException("keyfleet.keys.pkcs11: the key labelled '" + label
						+ "' does not match the public key of its certificate");
			}
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("keyfleet.keys.pkcs11: signing in the token failed: " + ex.getMessage(), ex);
		}
	}

}
