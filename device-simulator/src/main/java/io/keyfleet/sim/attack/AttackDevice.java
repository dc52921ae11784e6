package io.keyfleet.sim.attack;

import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;

import com.nimbusds.jose.jwk.ECKey;

/**
 * A device an attack scenario registered for itself: either a key pair
 * ({@code private_key_jwt}) or a secret ({@code client_secret_basic}).
 *
 * @param id the client id
 * @param keyPair the key pair, or {@code null}
 * @param publicJwk the registered public JWK, or {@code null}
 * @param secret the client secret, or {@code null}
 */
public record AttackDevice(String id, KeyPair keyPair, ECKey publicJwk, String secret) {

	public ECPrivateKey privateKey() {
		return (ECPrivateKey) this.keyPair.getPrivate();
	}

	public String keyId() {
		return (this.publicJwk != null) ? this.publicJwk.getKeyID() : null;
	}

	/** Never prints the key or the secret. */
	@Override
	public String toString() {
		return "AttackDevice[id=" + this.id + "]";
	}

}
