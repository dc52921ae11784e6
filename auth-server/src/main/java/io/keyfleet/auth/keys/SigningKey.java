package io.keyfleet.auth.keys;

import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;

/**
 * One ES256 token-signing key: its {@code kid} (the RFC 7638 thumbprint of its public
 * key), the public JWK published in the JWKS, and a signer prepared once on the
 * {@link EcdsaProvider} with that provider's own key object.
 */
public final class SigningKey {

	private final String kid;

	private final ECKey publicJwk;

	private final ECPublicKey verificationKey;

	private final JWSSigner signer;

	private SigningKey(String kid, ECKey publicJwk, ECPublicKey verificationKey, JWSSigner signer) {
		this.kid = kid;
		this.publicJwk = publicJwk;
		this.verificationKey = verificationKey;
		this.signer = signer;
	}

	public static SigningKey of(KeyPair pair) {
		if (!(pair.getPublic() instanceof ECPublicKey ecPublic) || !(pair.getPrivate() instanceof ECPrivateKey)) {
			throw new IllegalArgumentException("the token-signing key must be an EC P-256 key (ES256)");
		}
		try {
			ECKey unidentified = new ECKey.Builder(Curve.P_256, ecPublic).build();
			String kid = unidentified.computeThumbprint().toString();
			ECKey publicJwk = new ECKey.Builder(Curve.P_256, ecPublic).keyID(kid)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.ES256)
				.build();
			ECDSASigner signer = new ECDSASigner((ECPrivateKey) EcdsaProvider.convert(pair.getPrivate()));
			signer.getJCAContext().setProvider(EcdsaProvider.provider());
			return new SigningKey(kid, publicJwk, (ECPublicKey) EcdsaProvider.convert(ecPublic), signer);
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("unusable token-signing key: " + ex.getMessage(), ex);
		}
	}

	public String kid() {
		return this.kid;
	}

	public JWSAlgorithm algorithm() {
		return JWSAlgorithm.ES256;
	}

	/** The public JWK with {@code kid}, {@code use} and {@code alg} (CONTRACT "JWKS"). */
	public ECKey publicJwk() {
		return this.publicJwk;
	}

	/** The public key as an {@link EcdsaProvider} key object, for verifying this key's tokens. */
	public ECPublicKey verificationKey() {
		return this.verificationKey;
	}

	public JWSSigner signer() {
		return this.signer;
	}

}
