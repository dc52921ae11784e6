package io.keyfleet.sim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.spec.PKCS8EncodedKeySpec;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * One BouncyCastle JCA provider for the whole simulator, never registered globally, and
 * the conversion of keys to BouncyCastle key objects. BouncyCastle signs ES256 several
 * times faster than the JDK 17 providers, but only with its own key objects: handed a
 * SunEC key it converts it on every {@code initSign}, which costs two thirds of its speed
 * (PERFORMANCE.md). So keys are converted once, here, and the converted objects cached by
 * their users.
 */
public final class BouncyCastle {

	/** The provider; building one is expensive, so there is only this one. */
	public static final Provider PROVIDER = new BouncyCastleProvider();

	private BouncyCastle() {
	}

	/**
	 * @param key a private key from any provider
	 * @return the same key as a BouncyCastle key object
	 * @throws SimException when BouncyCastle cannot read the key
	 */
	public static PrivateKey toBouncyCastle(PrivateKey key) {
		if (key.getClass().getName().startsWith("org.bouncycastle.")) {
			return key;
		}
		try {
			return KeyFactory.getInstance(key.getAlgorithm(), PROVIDER)
				.generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new SimException("cannot convert a " + key.getAlgorithm() + " key for BouncyCastle: "
					+ ex.getMessage(), ex);
		}
	}

}
