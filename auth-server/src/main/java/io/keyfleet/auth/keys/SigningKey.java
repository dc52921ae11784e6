package io.keyfleet.auth.keys;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
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
 * key), the public JWK published in the JWKS, and a signer prepared once: on the
 * {@link EcdsaProvider} with that provider's own key object for a key from a file, or on
 * the PKCS#11 provider with a handle for a key in a token.
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

	/** A key pair from a file: signs on the {@link EcdsaProvider}. */
	public static SigningKey of(KeyPair pair) {
		if (!(pair.getPublic() instanceof ECPublicKey ecPublic) || !(pair.getPrivate() instanceof ECPrivateKey)) {
			throw new IllegalArgumentException("the token-signing key must be an EC P-256 key (ES256)");
		}
		return of(ecPublic, EcdsaProvider.convert(pair.getPrivate()), EcdsaProvider.provider());
	}

	/**
	 * A key whose private half stays in a PKCS#11 token: {@code handle} is the provider's
	 * reference to the token object, and signing happens in the token
	 * ({@code CKM_ECDSA}/{@code CKM_ECDSA_SHA256}).
	 *
	 * <p>
	 * JCA {@code SHA256withECDSA} returns the signature DER-encoded (SunPKCS11 wraps the
	 * token's raw r||s in an X9.62 {@code ECDSA-Sig-Value}); {@link ECDSASigner} transcodes
	 * it to the fixed 64-byte R||S that ES256 requires (RFC 7518 §3.4).
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc7518#section-3.4">RFC 7518 §3.4</a>
	 */
	public static SigningKey onToken(ECPublicKey publicKey, PrivateKey handle, Provider tokenProvider) {
		return of(publicKey, handle, tokenProvider);
	}

	private static SigningKey of(ECPublicKey publicKey, PrivateKey privateKey, Provider signingProvider) {
		try {
			if (!Curve.P_256.equals(Curve.forECParameterSpec(publicKey.getParams()))) {
				throw new IllegalArgumentException("the token-signing key must be an EC P-256 key (ES256)");
			}
			ECKey unidentified = new ECKey.Builder(Curve.P_256, publicKey).build();
			String kid = unidentified.computeThumbprint().toString();
			ECKey publicJwk = new ECKey.Builder(Curve.P_256, publicKey).keyID(kid)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.ES256)
				.build();
			ECDSASigner signer = new ECDSASigner(privateKey, Curve.P_256);
			signer.getJCAContext().setProvider(signingProvider);
			return new SigningKey(kid, publicJwk, (ECPublicKey) EcdsaProvider.convert(publicKey), signer);
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
