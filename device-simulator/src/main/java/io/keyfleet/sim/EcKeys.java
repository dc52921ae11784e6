package io.keyfleet.sim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import org.bouncycastle.jce.ECNamedCurveTable;

/**
 * Device keys: EC P-256 key pairs for ES256, and their public JWK as a registration's
 * {@code jwks} expects it.
 */
public final class EcKeys {

	private EcKeys() {
	}

	/**
	 * @return a new EC P-256 (secp256r1) key pair of the JDK's default provider
	 */
	public static KeyPair generate() {
		return generate(null);
	}

	/**
	 * @param provider the JCA provider, e.g. {@link BouncyCastle#PROVIDER} for keys that
	 * sign fast with it, or {@code null} for the JDK's default
	 * @return a new EC P-256 (secp256r1) key pair
	 */
	public static KeyPair generate(Provider provider) {
		try {
			KeyPairGenerator generator = (provider != null) ? KeyPairGenerator.getInstance("EC", provider)
					: KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("EC P-256 is not available in this JVM", ex);
		}
	}

	/**
	 * @param privateKey an EC P-256 private key
	 * @return its key pair: the public point is {@code d·G} (a PKCS#8 file need not carry it)
	 */
	public static KeyPair keyPairOf(ECPrivateKey privateKey) {
		org.bouncycastle.math.ec.ECPoint q = ECNamedCurveTable.getParameterSpec("secp256r1").getG()
			.multiply(privateKey.getS())
			.normalize();
		try {
			ECPublicKeySpec spec = new ECPublicKeySpec(
					new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()),
					privateKey.getParams());
			return new KeyPair(KeyFactory.getInstance("EC").generatePublic(spec), privateKey);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("EC is not available in this JVM", ex);
		}
	}

	/**
	 * The public JWK ({@code use: sig}, {@code alg: ES256}) whose {@code kid} is its SHA-256
	 * thumbprint.
	 * @param publicKey the public key
	 * @return the public JWK
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc7638#section-3">RFC 7638 Section 3</a>
	 */
	public static ECKey publicJwk(ECPublicKey publicKey) {
		try {
			return new ECKey.Builder(Curve.P_256, publicKey).keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.ES256)
				.keyIDFromThumbprint()
				.build();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("cannot compute the JWK thumbprint", ex);
		}
	}

}
