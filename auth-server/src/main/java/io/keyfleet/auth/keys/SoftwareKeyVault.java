package io.keyfleet.auth.keys;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;

/**
 * Keeps token-signing keys in the keyring itself, sealed with the key-encryption key
 * (AES-256-GCM, bound to the kid as additional authenticated data, so a sealed key moved to
 * another entry does not open): the dev-mode and file-configured fallback when no PKCS#11
 * token is configured. Redis never sees a private key in clear.
 */
final class SoftwareKeyVault {

	private static final String PURPOSE = "signing-key:";

	private final KeyEncryptionKey kek;

	SoftwareKeyVault(KeyEncryptionKey kek) {
		this.kek = kek;
	}

	/** A new P-256 key pair, made in this JVM and sealed at once. */
	KeyringEntry generate(Instant now) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return seal(generator.generateKeyPair(), now, false);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot generate a P-256 key pair: " + ex.getMessage(), ex);
		}
	}

	/** The configured key ({@code keyfleet.keys.signing-key}) as the keyring's first key. */
	KeyringEntry seed(KeyPair configured, Instant now) {
		return seal(configured, now, true);
	}

	SigningKey open(KeyringEntry entry) {
		String pem;
		try {
			pem = this.kek.decrypt(entry.encryptedPrivateKey(), PURPOSE + entry.kid());
		}
		catch (IllegalArgumentException ex) {
			// the cause says why (format, other KEK, tag mismatch) and never holds key bytes
			throw new IllegalStateException("signing key " + entry.kid()
					+ " in the keyring does not decrypt with keyfleet.keys.kek (was the key-encryption key changed?)",
					ex);
		}
		SigningKey key = SigningKey.of(Pem.readKeyPair(pem));
		if (!key.kid().equals(entry.kid())) {
			throw new IllegalStateException("signing key " + entry.kid() + " in the keyring is another key");
		}
		return key;
	}

	private KeyringEntry seal(KeyPair pair, Instant now, boolean seeded) {
		SigningKey key = SigningKey.of(pair);
		String sealed = this.kek.encrypt(Pem.writePkcs8(pair.getPrivate()), PURPOSE + key.kid());
		return KeyringEntry.next(key, now, sealed, null, seeded);
	}

}
