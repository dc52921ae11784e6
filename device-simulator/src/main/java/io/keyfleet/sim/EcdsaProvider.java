package io.keyfleet.sim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * The JCA provider the load generator signs ES256 assertions with: the Amazon Corretto
 * Crypto Provider (AWS-LC, ~58,000 signatures/s per core here) when its native library
 * loads and passes its self-test, otherwise BouncyCastle (~14,000/s). A cheaper generator
 * leaves more of the shared cores to the server it measures. Keys are converted to the
 * provider's key objects once, by their users.
 */
public final class EcdsaProvider {

	/** The provider chosen for this JVM. */
	public static final Provider PROVIDER = select();

	private EcdsaProvider() {
	}

	/**
	 * @param key an EC private key from any provider
	 * @return the same key as a key object of {@link #PROVIDER}
	 */
	public static PrivateKey convert(PrivateKey key) {
		try {
			return KeyFactory.getInstance("EC", PROVIDER).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new SimException("cannot convert an EC key for " + PROVIDER.getName() + ": " + ex.getMessage(), ex);
		}
	}

	private static Provider select() {
		try {
			Class<?> accp = Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider");
			Provider provider = (Provider) accp.getField("INSTANCE").get(null);
			if (accp.getMethod("getLoadingError").invoke(provider) == null) {
				accp.getMethod("assertHealthy").invoke(provider);
				return provider;
			}
		}
		catch (ReflectiveOperationException | LinkageError | RuntimeException ex) {
			// not on this platform
		}
		return BouncyCastle.PROVIDER;
	}

}
