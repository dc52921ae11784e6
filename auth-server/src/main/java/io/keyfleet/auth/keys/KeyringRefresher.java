package io.keyfleet.auth.keys;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link Keyring} into the {@link SigningKeys} this node uses: opens each key once
 * (decrypts it, or finds it in the token and probes it) and keeps it by kid, then swaps in
 * the active key and the keys published now. A keyring older than the one already applied
 * is ignored, so a late poll never undoes a notice.
 */
final class KeyringRefresher {

	private static final Logger log = LoggerFactory.getLogger(KeyringRefresher.class);

	private final KeyVault vault;

	private final Clock clock;

	private final Map<String, SigningKey> opened = new ConcurrentHashMap<>();

	private SigningKeys keys;

	private long appliedVersion;

	private Keyring applied;

	KeyringRefresher(KeyVault vault, Clock clock) {
		this.vault = vault;
		this.clock = clock;
	}

	/** The first keyring: every key must open, or the server does not start. */
	synchronized SigningKeys load(Keyring ring) {
		Resolved resolved = resolve(ring);
		this.keys = new SigningKeys(resolved.active(), resolved.published());
		this.appliedVersion = ring.version();
		this.applied = ring;
		log.info("Signing with key {} (keyring version {}, {} key(s) published)", resolved.active().kid(),
				ring.version(), resolved.published().size());
		return this.keys;
	}

	/**
	 * Applies a keyring read later; also re-evaluates which retired keys are still
	 * published when the version did not change.
	 * @throws IllegalStateException when a key does not open: the last keys stay in use
	 */
	synchronized void apply(Keyring ring) {
		if (ring.version() < this.appliedVersion) {
			return;
		}
		Resolved resolved = resolve(ring);
		String before = this.keys.active().kid();
		this.keys.replace(resolved.active(), resolved.published());
		if (!before.equals(resolved.active().kid()) || ring.version() != this.appliedVersion) {
			log.info("Signing with key {} (keyring version {}, {} key(s) published)", resolved.active().kid(),
					ring.version(), resolved.published().size());
		}
		this.appliedVersion = ring.version();
		this.applied = ring;
		this.opened.keySet().removeIf(kid -> ring.byKid(kid).isEmpty());
	}

	/** The newest keyring this node applied (what it signs and publishes by). */
	synchronized Keyring applied() {
		return this.applied;
	}

	private Resolved resolve(Keyring ring) {
		SigningKey active = open(ring.active());
		List<SigningKey> published = ring.published(this.clock.instant()).stream().map(this::open).toList();
		return new Resolved(active, published);
	}

	private SigningKey open(KeyringEntry entry) {
		return this.opened.computeIfAbsent(entry.kid(), kid -> this.vault.open(entry));
	}

	private record Resolved(SigningKey active, List<SigningKey> published) {
	}

}
