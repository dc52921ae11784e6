package io.keyfleet.auth.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The device CA from a PKCS#12 file ({@code keyfleet.pki.device-ca.pkcs12.*}): the key
 * entry's private key (a shrouded key bag, RFC 7292 §4.2.2), its certificate and the rest
 * of the chain stored with it, read with the JDK's {@code PKCS12} key store (which reads
 * what {@code openssl pkcs12 -export} and {@code keytool} write, PBES2/AES included).
 *
 * <p>
 * The password opens the file (integrity MAC, RFC 7292 §5) and the key bag; it goes to the
 * key store only, and no message carries it.
 */
final class Pkcs12DeviceCa {

	static final String PREFIX = "keyfleet.pki.device-ca.pkcs12";

	private Pkcs12DeviceCa() {
	}

	/**
	 * @param chainFile {@code keyfleet.pki.device-ca.chain}, for a file that holds no
	 * chain of its own
	 */
	static DeviceCa load(Pkcs12DeviceCaProperties properties, Path chainFile) {
		char[] password = properties.password().toCharArray();
		try {
			KeyStore store = open(properties.path(), password);
			String alias = alias(store, properties);
			Key key = store.getKey(alias, password);
			Certificate[] chain = store.getCertificateChain(alias);
			if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0
					|| !(chain[0] instanceof X509Certificate certificate)) {
				throw new IllegalStateException(PREFIX + ": the entry '" + alias + "' in " + properties.path()
						+ " is not a private key with its certificate");
			}
			List<X509Certificate> above = Arrays.stream(chain, 1, chain.length).map(X509Certificate.class::cast).toList();
			if (!above.isEmpty() && chainFile != null) {
				throw new IllegalStateException(PREFIX + ": " + properties.path() + " holds the chain above the CA and "
						+ PemDeviceCa.CHAIN + " names another; configure one");
			}
			return new DeviceCa(certificate, above.isEmpty() ? PemDeviceCa.chain(chainFile) : above, privateKey, null);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(PREFIX + ": cannot read the key in " + properties.path() + ": "
					+ ex.getMessage(), ex);
		}
		finally {
			Arrays.fill(password, '\0');
		}
	}

	private static KeyStore open(Path path, char[] password) throws GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(path)) {
			store.load(in, password);
			return store;
		}
		catch (NoSuchFileException ex) {
			throw new IllegalStateException(PREFIX + ".path: no such file " + path, ex);
		}
		catch (IOException ex) {
			// a wrong password shows as "keystore password was incorrect": the JDK never echoes it
			throw new IllegalStateException(PREFIX + ": cannot open " + path + ": " + ex.getMessage(), ex);
		}
	}

	/** The configured alias, else the only key entry. */
	private static String alias(KeyStore store, Pkcs12DeviceCaProperties properties) throws GeneralSecurityException {
		List<String> keyEntries = Collections.list(store.aliases()).stream().filter(alias -> isKeyEntry(store, alias)).toList();
		if (properties.alias() != null) {
			if (!store.isKeyEntry(properties.alias())) {
				throw new IllegalStateException(PREFIX + ".alias: no key entry '" + properties.alias() + "' in "
						+ properties.path() + " (key entries: " + keyEntries + ")");
			}
			return properties.alias();
		}
		if (keyEntries.size() != 1) {
			throw new IllegalStateException(PREFIX + ": " + properties.path() + " holds " + keyEntries.size()
					+ " key entries " + keyEntries + "; set " + PREFIX + ".alias to the device CA's");
		}
		return keyEntries.get(0);
	}

	private static boolean isKeyEntry(KeyStore store, String alias) {
		try {
			return store.isKeyEntry(alias);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

}
