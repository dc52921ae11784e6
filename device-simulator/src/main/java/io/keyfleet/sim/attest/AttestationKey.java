package io.keyfleet.sim.attest;

import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Objects;

import com.nimbusds.jose.jwk.ECKey;
import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.Pem;

/**
 * A device's attestation key: the EC P-256 key that signs its EATs, separate from the key
 * it authenticates with (RFC 9334 Section 12.1: the attesting environment's key is a
 * different secret from the client's, and the server registers it as {@code eat_key}).
 *
 * @param keyId the {@code kid} of the registered public key (its RFC 7638 thumbprint)
 * @param privateKey the private key
 */
public record AttestationKey(String keyId, ECPrivateKey privateKey) {

	public AttestationKey {
		Objects.requireNonNull(keyId, "keyId cannot be null");
		Objects.requireNonNull(privateKey, "privateKey cannot be null");
	}

	/**
	 * @param keyPair a new key pair
	 * @return the attestation key, {@code kid} = thumbprint of its public key
	 */
	public static AttestationKey of(KeyPair keyPair) {
		return new AttestationKey(publicJwk(keyPair).getKeyID(), (ECPrivateKey) keyPair.getPrivate());
	}

	/**
	 * @param keyPair a key pair
	 * @return its public JWK as the registration's {@code eat_key}
	 */
	public static ECKey publicJwk(KeyPair keyPair) {
		return EcKeys.publicJwk((ECPublicKey) keyPair.getPublic());
	}

	String privateKeyPem() {
		return Pem.encodePrivateKey(this.privateKey);
	}

	/** Never prints the key. */
	@Override
	public String toString() {
		return "AttestationKey[kid=" + this.keyId + "]";
	}

}
