package io.keyfleet.auth.keys;

/**
 * A keyring change that cannot be made now (the admin API answers {@code 409}): the next
 * key has not been published long enough, another node changed the keyring first, or the
 * key is already revoked. The message says which, and never carries key material.
 */
public final class KeyringConflictException extends RuntimeException {

	public KeyringConflictException(String message) {
		super(message);
	}

}
