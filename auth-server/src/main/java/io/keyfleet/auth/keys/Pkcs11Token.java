package io.keyfleet.auth.keys;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;

/**
 * A logged-in session on a PKCS#11 token through the JDK's SunPKCS11 provider, configured
 * programmatically (never registered globally, so it does not change which provider
 * anything else in the server gets).
 *
 * <p>
 * The token's objects are seen through the provider's {@code PKCS11} key store: a private
 * key is listed only together with a certificate of the same {@code CKA_ID}, and stays a
 * handle ({@code CKA_SENSITIVE} keys are never extracted).
 *
 * <p>
 * Public for the device CA ({@code pki.Pkcs11DeviceCa}), whose key may live in a token too.
 * Two instances on the same module coexist: SunPKCS11 initialises a module once per JVM and
 * shares it between provider instances, each with its own sessions.
 *
 * @see <a href="https://docs.oracle.com/en/java/javase/17/security/pkcs11-reference-guide1.html">JDK 17
 * PKCS#11 Reference Guide</a>
 */
public final class Pkcs11Token {

	private final Provider provider;

	private final KeyStore keyStore;

	private Pkcs11Token(Provider provider, KeyStore keyStore) {
		this.provider = provider;
		this.keyStore = keyStore;
	}

	/** Loads the module, selects the slot and logs in with the user PIN. */
	static Pkcs11Token open(Pkcs11Properties properties) {
		return open(properties, "keyfleet.keys.pkcs11");
	}

	/**
	 * Like {@link #open(Pkcs11Properties)}, for a token configured under another prefix,
	 * which the error messages name.
	 */
	public static Pkcs11Token open(Pkcs11Properties properties, String prefix) {
		Provider provider;
		try {
			provider = Security.getProvider("SunPKCS11").configure(inlineConfig(properties));
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(prefix + ": cannot load " + properties.library() + " ("
					+ selection(properties) + "): " + rootMessage(ex), ex);
		}
		try {
			KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
			// the PIN goes to C_Login only; SunPKCS11's exceptions name the CKR_ code, never the PIN
			keyStore.load(null, properties.pin().toCharArray());
			return new Pkcs11Token(provider, keyStore);
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException(
					prefix + ": cannot log in to the token (" + selection(properties) + "): " + rootMessage(ex),
					ex);
		}
	}

	public Provider provider() {
		return this.provider;
	}

	public KeyStore keyStore() {
		return this.keyStore;
	}

	/**
	 * SunPKCS11 configuration; a leading {@code --} means inline text rather than a file
	 * name. The PIN is not part of it. Private keys the provider generates (rotation) are
	 * {@code CKA_SENSITIVE} and not {@code CKA_EXTRACTABLE}: they never leave the token, not
	 * even wrapped.
	 */
	static String inlineConfig(Pkcs11Properties properties) {
		String slot = properties.slot() != null ? "slot = " + properties.slot()
				: "slotListIndex = " + properties.slotListIndex();
		return "--name = keyfleet\nlibrary = \"" + properties.library() + "\"\n" + slot + "\n"
				+ "attributes(generate, CKO_PRIVATE_KEY, *) = {\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n}\n";
	}

	private static String selection(Pkcs11Properties properties) {
		return properties.slot() != null ? "slot " + properties.slot() : "slot index " + properties.slotListIndex();
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
	}

}
