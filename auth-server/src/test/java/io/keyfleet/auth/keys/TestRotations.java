package io.keyfleet.auth.keys;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.store.StateStore;
import io.keyfleet.auth.support.TestRedis;

/**
 * Fixtures for keyring tests: real P-256 keys, a clock the test moves, and "nodes" — one
 * {@link KeyRotation} each — that share a keyring in the test Redis under a prefix of
 * their own.
 */
final class TestRotations {

	static final Duration RETENTION = Duration.ofMinutes(6);

	private TestRotations() {
	}

	static KeyPair newKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static RotationProperties properties() {
		return new RotationProperties(true, Duration.ofDays(30), Duration.ofMinutes(15), Duration.ofMinutes(1));
	}

	/** One deployment: a keyring in Redis, the configured key and KEK every node shares. */
	static Deployment deployment(String name) {
		return new Deployment(TestRedis.stateStore(name), "https://" + name + "-" + UUID.randomUUID() + ".example",
				KeyEncryptionKey.fromBase64(KeyEncryptionKey.generateBase64()), newKeyPair());
	}

	record Deployment(StateStore store, String issuer, KeyEncryptionKey kek, KeyPair configured) {

		KeyringStore keyring() {
			return new KeyringStore(this.store, this.issuer);
		}

		/** A node with its keys sealed under the KEK. */
		KeyRotation node(Clock clock) {
			return node(KeyVault.sealed(this.kek, this.configured), clock);
		}

		KeyRotation node(KeyVault vault, Clock clock) {
			return new KeyRotation(keyring(), vault, properties(), RETENTION, clock, new AuditLog());
		}

		String storedJson() {
			return this.store.await(this.store.async().get(keyring().key()));
		}

	}

}
