package io.keyfleet.auth.keys;

/** No key with this kid in the keyring (the admin API answers {@code 404}). */
public final class SigningKeyNotFoundException extends RuntimeException {

	public SigningKeyNotFoundException(String kid) {
		super("no signing key " + kid);
	}

}
