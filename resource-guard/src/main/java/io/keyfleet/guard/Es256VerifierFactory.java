package io.keyfleet.guard;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * ES256 verifiers for access tokens (RFC 7518 Section 3.4), one per issuer key, on the
 * Amazon Corretto Crypto Provider (AWS-LC) when the application has it on its class path
 * and it loads on this platform, else on the JDK. The JDK's pure-Java ECDSA costs about
 * 1 ms per verification on a small core — more than the rest of the guard together —
 * while AWS-LC needs well under 0.1 ms. Verifiers are kept per key because building one
 * checks the point is on the curve, which costs as much as a verification.
 */
final class Es256VerifierFactory implements JWSVerifierFactory {

	private static final Log logger = LogFactory.getLog(Es256VerifierFactory.class);

	private static final Provider PROVIDER = fastProvider();

	private final JCAContext jcaContext = new JCAContext();

	/** Keyed by the key's value (a JWK Set yields a new key object per selection). */
	private final Cache<ECPublicKey, JWSVerifier> verifiers = Caffeine.newBuilder().maximumSize(64).build();

	@Override
	public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
		if (!JWSAlgorithm.ES256.equals(header.getAlgorithm()) || !(key instanceof ECPublicKey ec)) {
			throw new JOSEException("only ES256 with an EC key is accepted");
		}
		try {
			return this.verifiers.get(ec, Es256VerifierFactory::create);
		}
		catch (IllegalStateException ex) {
			throw new JOSEException(ex.getMessage(), ex);
		}
	}

	private static JWSVerifier create(ECPublicKey key) {
		try {
			if (PROVIDER == null) {
				return new ECDSAVerifier(key);
			}
			ECPublicKey native_ = (ECPublicKey) KeyFactory.getInstance("EC", PROVIDER)
				.generatePublic(new X509EncodedKeySpec(key.getEncoded()));
			ECDSAVerifier verifier = new ECDSAVerifier(native_);
			verifier.getJCAContext().setProvider(PROVIDER);
			return verifier;
		}
		catch (JOSEException | GeneralSecurityException ex) {
			throw new IllegalStateException("unusable ES256 key: " + ex.getMessage(), ex);
		}
	}

	@Override
	public Set<JWSAlgorithm> supportedJWSAlgorithms() {
		return Set.of(JWSAlgorithm.ES256);
	}

	@Override
	public JCAContext getJCAContext() {
		return this.jcaContext;
	}

	private static Provider fastProvider() {
		try {
			Class<?> accp = Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider");
			Provider provider = (Provider) accp.getField("INSTANCE").get(null);
			if (accp.getMethod("getLoadingError").invoke(provider) == null) {
				accp.getMethod("assertHealthy").invoke(provider);
				logger.info("ES256 verification on " + provider.getName() + " " + provider.getVersionStr());
				return provider;
			}
		}
		catch (ReflectiveOperationException | LinkageError | RuntimeException ex) {
			// not on the class path or not for this platform: the JDK's ECDSA
		}
		logger.info("ES256 verification on the JDK (add software.amazon.cryptools:AmazonCorrettoCryptoProvider "
				+ "for about ten times the speed)");
		return null;
	}

}
