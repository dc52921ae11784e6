package io.keyfleet.auth.keys;

import java.security.KeyPair;
import java.time.Instant;

/**
 * Where token-signing keys are made, opened and destroyed: in the PKCS#11 token when one is
 * configured, otherwise sealed in the keyring ({@link SoftwareKeyVault}). Keys the keyring
 * already holds are opened where they live, so a keyring started in one mode stays
 * readable in the other as long as the token (or the key-encryption key) is there.
 */
final class KeyVault {

	private final SoftwareKeyVault software;

	private final Pkcs11KeyVault pkcs11;

	private final KeyPair configuredFileKey;

	private KeyVault(SoftwareKeyVault software, Pkcs11KeyVault pkcs11, KeyPair configuredFileKey) {
		this.software = software;
		this.pkcs11 = pkcs11;
		this.configuredFileKey = configuredFileKey;
	}

	/** Keys in a PKCS#11 token, the configured label seeding the keyring. */
	static KeyVault inToken(KeyEncryptionKey kek, Pkcs11Token token, String configuredLabel) {
		return new KeyVault(new SoftwareKeyVault(kek), new Pkcs11KeyVault(token, configuredLabel), null);
	}

	/** Keys sealed under the key-encryption key, the configured key file seeding the keyring. */
	static KeyVault sealed(KeyEncryptionKey kek, KeyPair configured) {
		return new KeyVault(new SoftwareKeyVault(kek), null, configured);
	}

	/** The configured key, as the first key of a new keyring. */
	KeyringEntry seed(Instant now) {
		return (this.pkcs11 != null) ? this.pkcs11.seed(now) : this.software.seed(this.configuredFileKey, now);
	}

	/** A new key, to be published as the next key. */
	KeyringEntry generate(Instant now) {
		return (this.pkcs11 != null) ? this.pkcs11.generate(now) : this.software.generate(now);
	}

	SigningKey open(KeyringEntry entry) {
		if (entry.tokenLabel() == null) {
			return this.software.open(entry);
		}
		if (this.pkcs11 == null) {
			throw new IllegalStateException("signing key " + entry.kid()
					+ " of the keyring is in a PKCS#11 token, but keyfleet.keys.pkcs11 is not configured");
		}
		return this.pkcs11.open(entry);
	}

	/** Destroys a key that left the keyring (sealed keys go with their entry). */
	void destroy(KeyringEntry entry) {
		if (entry.tokenLabel() != null && this.pkcs11 != null) {
			this.pkcs11.destroy(entry);
		}
	}

}
