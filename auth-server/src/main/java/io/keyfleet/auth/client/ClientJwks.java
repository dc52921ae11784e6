package io.keyfleet.auth.client;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;

import io.keyfleet.auth.keys.EcdsaProvider;

/**
 * A client's registered public keys (RFC 7591 {@code jwks}), parsed and checked once:
 * public keys only, EC P-256 (ES256), Ed25519 (EdDSA) or RSA of at least 2048 bits (RS256,
 * PS256), distinct {@code kid}s. EC keys are held as {@link EcdsaProvider} key objects and
 * Ed25519 keys as BouncyCastle ones, converted once here so that no assertion
 * verification pays for a key conversion.
 */
public final class ClientJwks {

	private static final int MIN_RSA_BITS = 2048;

	private final List<ClientKey> keys;

	private ClientJwks(List<ClientKey> keys) {
		this.keys = List.copyOf(keys);
	}

	/**
	 * Parses a registered JWK Set.
	 * @throws IllegalArgumentException with a message fit for an API client
	 */
	public static ClientJwks parse(Map<String, Object> jwks) {
		if (jwks == null) {
			throw new IllegalArgumentException("jwks is required");
		}
		JWKSet set;
		try {
			set = JWKSet.parse(jwks);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("jwks is not a JWK Set: " + ex.getMessage());
		}
		if (set.getKeys().isEmpty()) {
			throw new IllegalArgumentException("jwks must contain at least one key");
		}
		if (set.getKeys().size() > 16) {
			throw new IllegalArgumentException("jwks may contain at most 16 keys");
		}
		List<ClientKey> keys = new ArrayList<>();
		Set<String> kids = new HashSet<>();
		for (JWK jwk : set.getKeys()) {
			if (jwk.isPrivate()) {
				throw new IllegalArgumentException("jwks must contain public keys only (key " + describe(jwk) + ")");
			}
			if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
				throw new IllegalArgumentException("key " + describe(jwk) + " is not for signatures (use)");
			}
			if (jwk.getKeyID() != null && !kids.add(jwk.getKeyID())) {
				throw new IllegalArgumentException("duplicate kid " + jwk.getKeyID());
			}
			keys.add(toClientKey(jwk));
		}
		return new ClientJwks(keys);
	}

	public List<ClientKey> keys() {
		return this.keys;
	}

	private static ClientKey toClientKey(JWK jwk) {
		try {
			Set<JWSAlgorithm> algorithms;
			PublicKey key;
			if (jwk instanceof ECKey ec) {
				if (!Curve.P_256.equals(ec.getCurve())) {
					throw new IllegalArgumentException("EC key " + describe(jwk) + " must be on P-256 (ES256)");
				}
				algorithms = Set.of(JWSAlgorithm.ES256);
				key = EcdsaProvider.convert(ec.toECPublicKey());
			}
			else if (jwk instanceof OctetKeyPair okp) {
				if (!Curve.Ed25519.equals(okp.getCurve())) {
					throw new IllegalArgumentException("OKP key " + describe(jwk) + " must be Ed25519 (EdDSA)");
				}
				algorithms = Set.of(JWSAlgorithm.EdDSA, new JWSAlgorithm("Ed25519"));
				key = Ed25519Keys.fromRaw(okp.getX().decode());
			}
			else if (jwk instanceof RSAKey rsa) {
				RSAPublicKey rsaKey = rsa.toRSAPublicKey();
				if (rsaKey.getModulus().bitLength() < MIN_RSA_BITS) {
					throw new IllegalArgumentException("RSA key " + describe(jwk) + " must have at least 2048 bits");
				}
				algorithms = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256);
				key = rsaKey;
			}
			else {
				throw new IllegalArgumentException("key " + describe(jwk) + " has unsupported kty " + jwk.getKeyType());
			}
			if (jwk.getAlgorithm() != null) {
				JWSAlgorithm declared = JWSAlgorithm.parse(jwk.getAlgorithm().getName());
				if (!algorithms.contains(declared)) {
					throw new IllegalArgumentException("key " + describe(jwk) + " declares alg " + declared
							+ ", which does not fit its key type");
				}
				algorithms = Set.of(declared);
			}
			return new ClientKey(jwk.getKeyID(), algorithms, key);
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("key " + describe(jwk) + " is unusable: " + ex.getMessage());
		}
	}

	private static String describe(JWK jwk) {
		return (jwk.getKeyID() != null) ? "'" + jwk.getKeyID() + "'" : "#" + jwk.getKeyType();
	}

	/** One verification key: its {@code kid} (may be null), the algorithms it may verify, the key. */
	public record ClientKey(String kid, Set<JWSAlgorithm> algorithms, PublicKey publicKey) {
	}

}
