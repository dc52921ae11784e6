package io.keyfleet.sim.binding;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.oauth2.sdk.dpop.DPoPProofFactory;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import io.keyfleet.sim.SimException;

/**
 * Makes RFC 9449 DPoP proofs with one device's key: ES256, header {@code typ: dpop+jwt}
 * and the public {@code jwk} (Section 4.2), claims {@code jti} (random, fresh for every
 * proof), {@code htm}, {@code htu}, {@code iat}, and {@code ath} when an access token is
 * presented (Section 7.1) and {@code nonce} when the server gave one (Section 8), with
 * Nimbus' {@link DefaultDPoPProofFactory}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9449#section-4">RFC 9449 Section 4</a>
 */
public final class DPoPProofs {

	private final DPoPProofFactory factory;

	private final ECKey publicJwk;

	/**
	 * @param keyPair an EC P-256 key pair, kept by the device
	 */
	public DPoPProofs(KeyPair keyPair) {
		this(keyPair, null);
	}

	/**
	 * @param keyPair an EC P-256 key pair, kept by the device
	 * @param provider the JCA provider to sign with (its key objects are made here), or
	 * {@code null} for the JDK's default; {@code load} passes its fast ES256 provider
	 */
	public DPoPProofs(KeyPair keyPair, Provider provider) {
		ECKey.Builder builder = new ECKey.Builder(Curve.P_256, (ECPublicKey) keyPair.getPublic());
		ECKey jwk = (provider != null) ? builder.privateKey(convert(keyPair.getPrivate(), provider)).build()
				: builder.privateKey((ECPrivateKey) keyPair.getPrivate()).build();
		try {
			this.factory = (provider != null) ? new DefaultDPoPProofFactory(jwk, JWSAlgorithm.ES256, provider)
					: new DefaultDPoPProofFactory(jwk, JWSAlgorithm.ES256);
		}
		catch (JOSEException ex) {
			throw new SimException("cannot make DPoP proofs with this key: " + ex.getMessage(), ex);
		}
		this.publicJwk = jwk.toPublicJWK();
	}

	private static PrivateKey convert(PrivateKey key, Provider provider) {
		try {
			// a provider signs fastest (or at all) with its own key objects
			return KeyFactory.getInstance("EC", provider).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new SimException("cannot use the DPoP key with " + provider.getName() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * A proof for a token request (RFC 9449 Section 5): no {@code ath}.
	 * @param tokenEndpoint the token endpoint
	 * @param nonce the server's {@code DPoP-Nonce}, or {@code null}
	 * @return the compact JWS
	 */
	public String forTokenRequest(URI tokenEndpoint, String nonce) {
		return proof("POST", tokenEndpoint, null, nonce);
	}

	/**
	 * A proof for a protected resource request (RFC 9449 Section 7.1), with {@code ath}.
	 * @param method the HTTP method
	 * @param url the URL called
	 * @param accessToken the DPoP-bound access token presented with it
	 * @param nonce the resource server's {@code DPoP-Nonce}, or {@code null}
	 * @return the compact JWS
	 */
	public String forResource(String method, URI url, String accessToken, String nonce) {
		return proof(method, url, accessToken, nonce);
	}

	/**
	 * @return the JWK SHA-256 thumbprint of the key, as in {@code cnf.jkt} (RFC 9449 Section 6.1)
	 */
	public Base64URL thumbprint() {
		try {
			return this.publicJwk.computeThumbprint();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("cannot compute the JWK thumbprint", ex);
		}
	}

	private String proof(String method, URI url, String accessToken, String nonce) {
		try {
			return this.factory
				.createDPoPJWT(method, htu(url), (accessToken != null) ? new DPoPAccessToken(accessToken) : null,
						(nonce != null) ? new Nonce(nonce) : null)
				.serialize();
		}
		catch (JOSEException ex) {
			throw new SimException("cannot sign a DPoP proof: " + ex.getMessage(), ex);
		}
	}

	/**
	 * @param url the request URL
	 * @return it without query and fragment (RFC 9449 Section 4.2, {@code htu})
	 */
	static URI htu(URI url) {
		return URI.create(url.getScheme() + "://" + url.getRawAuthority()
				+ ((url.getRawPath() != null) ? url.getRawPath() : ""));
	}

	/** Never prints the key. */
	@Override
	public String toString() {
		return "DPoPProofs[jkt=" + thumbprint() + "]";
	}

}
