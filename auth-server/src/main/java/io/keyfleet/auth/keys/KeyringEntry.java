package io.keyfleet.auth.keys;

import java.time.Instant;

/**
 * One key of the {@link Keyring}: its state and history, its public JWK, and where its
 * private half lives — encrypted under the key-encryption key in the keyring itself, or in
 * a PKCS#11 token under a label (the keyring then holds nothing secret about it).
 *
 * @param kid the RFC 7638 thumbprint of the public key
 * @param state where the key is in its life
 * @param createdAt when the key was made (or seeded from configuration)
 * @param activatedAt when it started signing, or null
 * @param retiredAt when it stopped signing (or was revoked), or null
 * @param publishedUntil until when a retired key stays in the JWKS, or null
 * @param publicJwk the public JWK as JSON, with {@code kid}, {@code use} and {@code alg}
 * @param encryptedPrivateKey the PKCS#8 PEM sealed by {@link KeyEncryptionKey} (bound to
 * the kid), or null for a key in a token
 * @param tokenLabel {@code CKA_LABEL} of the key in the PKCS#11 token, or null
 * @param seeded whether the key came from configuration ({@code keyfleet.keys.*}): the
 * operator provisioned it, so the server never destroys it
 */
public record KeyringEntry(String kid, KeyState state, Instant createdAt, Instant activatedAt, Instant retiredAt,
		Instant publishedUntil, String publicJwk, String encryptedPrivateKey, String tokenLabel, boolean seeded) {

	public KeyringEntry {
		if ((encryptedPrivateKey == null) == (tokenLabel == null)) {
			throw new IllegalArgumentException("a keyring entry needs exactly one of encrypted key or token label");
		}
	}

	/** A key not yet in use: published ahead, signing from the next rotation on. */
	static KeyringEntry next(SigningKey key, Instant now, String encryptedPrivateKey, String tokenLabel,
			boolean seeded) {
		return new KeyringEntry(key.kid(), KeyState.NEXT, now, null, null, null, key.publicJwk().toJSONString(),
				encryptedPrivateKey, tokenLabel, seeded);
	}

	/** {@code kek} or {@code pkcs11}: where the private key is kept. */
	public String storage() {
		return (this.tokenLabel != null) ? "pkcs11" : "kek";
	}

	KeyringEntry activated(Instant now) {
		return new KeyringEntry(this.kid, KeyState.ACTIVE, this.createdAt, now, null, null, this.publicJwk,
				this.encryptedPrivateKey, this.tokenLabel, this.seeded);
	}

	KeyringEntry retired(Instant now, Instant until) {
		return new KeyringEntry(this.kid, KeyState.RETIRED, this.createdAt, this.activatedAt, now, until,
				this.publicJwk, this.encryptedPrivateKey, this.tokenLabel, this.seeded);
	}

	KeyringEntry revoked(Instant now) {
		return new KeyringEntry(this.kid, KeyState.REVOKED, this.createdAt, this.activatedAt, now, now,
				this.publicJwk, this.encryptedPrivateKey, this.tokenLabel, this.seeded);
	}

	/** Whether the JWKS lists it at {@code now} (CONTRACT "JWKS"). */
	boolean publishedAt(Instant now) {
		return switch (this.state) {
			case NEXT, ACTIVE -> true;
			case RETIRED -> now.isBefore(this.publishedUntil);
			case REVOKED -> false;
		};
	}

}
