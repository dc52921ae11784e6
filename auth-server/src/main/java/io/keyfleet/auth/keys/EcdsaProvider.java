package io.keyfleet.auth.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JCA provider for ECDSA on the token hot path (ES256 token signatures, ES256
 * assertion verification): the Amazon Corretto Crypto Provider (AWS-LC) when its native
 * library loads and passes its self-test, otherwise BouncyCastle. Measured here: ACCP
 * signs ~58,000/s and verifies ~19,600/s per core, BouncyCastle ~14,000/s and ~15,000/s,
 * the JDK 17 ~1,750/s and ~950/s (docs/benchmarks.md).
 *
 * <p>
 * Never registered as a global provider, and keys are converted to the provider's own key
 * objects once, when loaded, never per signature.
 */
public final class EcdsaProvider {

	private static final Logger log = LoggerFactory.getLogger(EcdsaProvider.class);

	private static final Provider PROVIDER = select();

	private EcdsaProvider() {
	}

	public static Provider provider() {
		return PROVIDER;
	}

	/** The same EC public key as a key object of {@link #provider()}. */
	public static PublicKey convert(PublicKey key) {
		try {
			return KeyFactory.getInstance("EC", PROVIDER).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("unsupported EC public key: " + ex.getMessage(), ex);
		}
	}

	/** The same EC private key as a key object of {@link #provider()}. */
	public static PrivateKey convert(PrivateKey key) {
		try {
			return KeyFactory.getInstance("EC", PROVIDER).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("unsupported EC private key: " + ex.getMessage(), ex);
		}
	}

	private static Provider select() {
		try {
			Class<?> accp = Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider");
			Provider provider = (Provider) accp.getField("INSTANCE").get(null);
			if (accp.getMethod("getLoadingError").invoke(provider) == null) {
				accp.getMethod("assertHealthy").invoke(provider);
				log.info("ECDSA on {} {}", provider.getName(), provider.getVersionStr());
				return provider;
			}
		}
		catch (ReflectiveOperationException | LinkageError | RuntimeException ex) {
			// not on this platform: BouncyCastle below
		}
		log.info("ECDSA on BouncyCastle (the Amazon Corretto Crypto Provider is not available here)");
		return BouncyCastle.provider();
	}

}
