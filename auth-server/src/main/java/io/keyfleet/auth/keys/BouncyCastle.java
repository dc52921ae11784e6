package io.keyfleet.auth.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * BouncyCastle as a JCA provider for the hot-path signatures, without registering it
 * globally (TLS and everything else keep the JDK providers).
 *
 * <p>
 * Keys are converted to BouncyCastle key objects once, when they are loaded: handing BC a
 * key created by another provider makes it convert the key on every signature, which
 * costs about two thirds of its speed (PERFORMANCE.md).
 */
public final class BouncyCastle {

	private static final Provider PROVIDER = new BouncyCastleProvider();

	private BouncyCastle() {
	}

	public static Provider provider() {
		return PROVIDER;
	}

	/** The same public key as a BouncyCastle key object ({@code EC}, {@code Ed25519}, ...). */
	public static PublicKey toBouncyCastle(PublicKey key) {
		try {
			return KeyFactory.getInstance(key.getAlgorithm(), PROVIDER)
				.generatePublic(new X509EncodedKeySpec(key.getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("unsupported public key: " + ex.getMessage(), ex);
		}
	}

	/** The same private key as a BouncyCastle key object. */
	public static PrivateKey toBouncyCastle(PrivateKey key) {
		try {
			return KeyFactory.getInstance(key.getAlgorithm(), PROVIDER)
				.generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("unsupported private key: " + ex.getMessage(), ex);
		}
	}

}
