package io.keyfleet.auth.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps token-signing keys in a PKCS#11 token: a rotation generates the key pair inside
 * the token ({@code C_GenerateKeyPair}, sensitive and not extractable), and the keyring
 * records only the label. Private keys never leave the token.
 *
 * <p>
 * SunPKCS11 generates session objects; storing the key in the provider's {@code PKCS11}
 * key store under a label copies it into a persistent token object together with a
 * certificate of its public key ({@code CKA_ID} shared), which is how
 * {@link Pkcs11SigningKey} finds keys. That certificate is self-signed by the new key in
 * the token: it only carries the public key.
 */
final class Pkcs11KeyVault {

	private static final Logger log = LoggerFactory.getLogger(Pkcs11KeyVault.class);

	/** {@code CKA_LABEL} of generated keys: this prefix and the kid. */
	static final String LABEL_PREFIX = "keyfleet-";

	private static final Duration CARRIER_VALIDITY = Duration.ofDays(3650);

	private final Pkcs11Token token;

	private final String configuredLabel;

	Pkcs11KeyVault(Pkcs11Token token, String configuredLabel) {
		this.token = token;
		this.configuredLabel = configuredLabel;
	}

	/** The configured key ({@code keyfleet.keys.pkcs11.key-label}) as the keyring's first key. */
	KeyringEntry seed(Instant now) {
		SigningKey key = Pkcs11SigningKey.load(this.token, this.configuredLabel);
		return KeyringEntry.next(key, now, null, this.configuredLabel, true);
	}

	/** A new P-256 key pair generated in the token and stored there under {@code keyfleet-<kid>}. */
	synchronized KeyringEntry generate(Instant now) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", this.token.provider());
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			KeyPair pair = generator.generateKeyPair();
			String kid = SigningKey
				.onToken((ECPublicKey) pair.getPublic(), pair.getPrivate(), this.token.provider())
				.kid();
			String label = LABEL_PREFIX + kid;
			this.token.keyStore()
				.setKeyEntry(label, pair.getPrivate(), null, new Certificate[] { carrier(pair, label, now) });
			SigningKey stored = Pkcs11SigningKey.load(this.token, label);
			log.info("Generated token-signing key {} in the PKCS#11 token", kid);
			return KeyringEntry.next(stored, now, null, label, false);
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException("keyfleet.keys.pkcs11: cannot generate a key in the token: " + ex.getMessage(),
					ex);
		}
	}

	SigningKey open(KeyringEntry entry) {
		SigningKey key = Pkcs11SigningKey.load(this.token, entry.tokenLabel());
		if (!key.kid().equals(entry.kid())) {
			throw new IllegalStateException("keyfleet.keys.pkcs11: the key labelled '" + entry.tokenLabel()
					+ "' is not signing key " + entry.kid() + " of the keyring");
		}
		return key;
	}

	/**
	 * Deletes a generated key and its certificate from the token; a key the operator
	 * provisioned (the configured label) is left alone.
	 */
	synchronized void destroy(KeyringEntry entry) {
		if (entry.seeded()) {
			return;
		}
		try {
			this.token.keyStore().deleteEntry(entry.tokenLabel());
			log.info("Destroyed token-signing key {} in the PKCS#11 token", entry.kid());
		}
		catch (GeneralSecurityException ex) {
			log.warn("Could not delete signing key {} ('{}') from the PKCS#11 token: {}", entry.kid(),
					entry.tokenLabel(), ex.getMessage());
		}
	}

	private X509Certificate carrier(KeyPair pair, String label, Instant now)
			throws OperatorCreationException, GeneralSecurityException {
		X500Name name = new X500Name("CN=" + label);
		JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
				Date.from(now.minus(Duration.ofMinutes(1))), Date.from(now.plus(CARRIER_VALIDITY)), name,
				pair.getPublic());
		return new JcaX509CertificateConverter().getCertificate(builder
			.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(this.token.provider()).build(pair.getPrivate())));
	}

}
