package io.keyfleet.auth.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyfleet.auth.audit.AuditLog;

/**
 * Changes the issuer's {@link Keyring} — seeding it, rotating, revoking a compromised key —
 * so that every node agrees: each change is a compare-and-set on the keyring's version in
 * Redis, so of several nodes changing it at once exactly one succeeds, and a key generated
 * for a change that lost is destroyed again. Every change is an audit event.
 *
 * <p>
 * Rotation promotes the next key (published since the last rotation) to active and retires
 * the active one, which stays published for {@code retention}: the access-token lifetime,
 * the clock skew resource servers allow, and one check interval (a node that missed the
 * change notice may sign with it that much longer).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517#section-5">RFC 7517 §5 JWK Set</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-4">RFC 9068 §4 (resource
 * servers verify with the issuer's published keys)</a>
 */
public final class KeyRotation {

	private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

	private final KeyringStore store;

	private final KeyVault vault;

	private final KeyringRefresher refresher;

	private final RotationProperties properties;

	private final Duration retention;

	private final Clock clock;

	private final AuditLog audit;

	KeyRotation(KeyringStore store, KeyVault vault, RotationProperties properties, Duration retention, Clock clock,
			AuditLog audit) {
		this.store = store;
		this.vault = vault;
		this.refresher = new KeyringRefresher(vault, clock);
		this.properties = properties;
		this.retention = retention;
		this.clock = clock;
		this.audit = audit;
	}

	/**
	 * Loads the stored keyring, or seeds a new one with the configured key active and a
	 * next key generated at once. Fails (and the server does not start) when the keyring
	 * cannot be read or a key does not open.
	 */
	SigningKeys start() {
		Keyring ring = this.store.read().orElseGet(this::seed);
		return this.refresher.load(ring);
	}

	private Keyring seed() {
		Instant now = this.clock.instant();
		KeyringEntry configured = this.vault.seed(now);
		KeyringEntry next = this.vault.generate(now);
		Keyring ring = Keyring.seed(configured, next, now);
		if (this.store.compareAndSet(ring)) {
			this.audit.signingKey("seed", "system", configured.kid(), "ok");
			return ring;
		}
		// another node seeded it at the same moment: adopt its keyring
		this.vault.destroy(next);
		return this.store.read().orElseThrow(() -> new IllegalStateException("the signing keyring vanished"));
	}

	/**
	 * The keyring as stored now. When Redis lost it, this node writes back the keyring it
	 * signs by (another node may do so first: then that one counts).
	 */
	public Keyring keyring() {
		return this.store.read().orElseGet(this::restore);
	}

	private Keyring restore() {
		Keyring known = this.refresher.applied();
		if (this.store.restore(known)) {
			log.warn("The signing keyring was missing from Redis; restored version {} from this node", known.version());
			this.audit.signingKey("restore", "system", known.active().kid(), "ok");
			return known;
		}
		return this.store.read().orElseThrow(() -> new IllegalStateException("the signing keyring vanished"));
	}

	/**
	 * Rotates: the next key signs from now on, the active key retires.
	 * @param force rotate although the next key has been published for less than
	 * {@code publish-ahead} (resource servers that cache the JWKS and do not refetch on an
	 * unknown kid may then refuse the new tokens for a while)
	 * @throws KeyringConflictException when refused or when another change came first
	 */
	public Keyring rotate(boolean force, String actor) {
		return rotate(keyring(), force, actor);
	}

	/**
	 * Rotates from the keyring {@code ring} as read: when another change got in since, this
	 * one is refused, so two callers that saw the same keyring rotate it once.
	 */
	Keyring rotate(Keyring ring, boolean force, String actor) {
		Instant now = this.clock.instant();
		KeyringEntry next = ring.next().orElseThrow(() -> refused(actor, "rotate", ring.active().kid(), "no_next_key",
				"there is no next key yet; the scheduler adds one within keyfleet.keys.rotation.check-interval"));
		Duration published = Duration.between(next.createdAt(), now);
		if (!force && published.compareTo(this.properties.publishAhead()) < 0) {
			throw refused(actor, "rotate", next.kid(), "publish_ahead",
					"the next key " + next.kid() + " has been published for " + published.toSeconds() + " s, less than"
							+ " keyfleet.keys.rotation.publish-ahead (" + this.properties.publishAhead().toSeconds()
							+ " s); retry later or force");
		}
		return audited(actor, "rotate", next.kid(),
				() -> commit(ring, actor, "rotate", next.kid(), newNext -> ring.rotate(newNext, now, this.retention), true));
	}

	/**
	 * Withdraws a compromised key from the JWKS at once and tells resource-guards to refuse
	 * its tokens (they may hold the JWKS for minutes); if it was the active key, the next
	 * key takes over without waiting (an emergency rotation).
	 */
	public Keyring revoke(String kid, String actor) {
		Keyring ring = keyring();
		KeyringEntry target = ring.byKid(kid).orElseThrow(() -> {
			this.audit.signingKey("revoke", actor, kid, "not_found");
			return new SigningKeyNotFoundException(kid);
		});
		if (target.state() == KeyState.REVOKED) {
			// said again, so that a retry after a failed notice still reaches the guards
			this.store.announceRevoked(kid, guardNoticeLifetime());
			throw refused(actor, "revoke", kid, "already_revoked", "signing key " + kid + " is already revoked");
		}
		Instant now = this.clock.instant();
		Keyring changed = audited(actor, "revoke", kid, () -> commit(ring, actor, "revoke", kid,
				newNext -> ring.revoke(kid, newNext, now), ring.revocationNeedsNewNext(kid)));
		this.store.announceRevoked(kid, guardNoticeLifetime());
		return changed;
	}

	/**
	 * How long resource-guards are told to refuse the key's tokens: past the last token it
	 * signed, with an hour to spare for resource servers' copies of the JWKS.
	 */
	private Duration guardNoticeLifetime() {
		return this.retention.plus(Duration.ofHours(1));
	}

	/** Re-reads the keyring and applies it to this node (a change notice, or the periodic check). */
	void reload() {
		this.store.read().ifPresent(this.refresher::apply);
	}

	/** An operator's change: losing the race to another change is audited as a conflict. */
	private Keyring audited(String actor, String action, String kid, Supplier<Keyring> change) {
		try {
			return change.get();
		}
		catch (KeyringConflictException ex) {
			this.audit.signingKey(action, actor, kid, "conflict");
			throw ex;
		}
	}

	/**
	 * Stores {@code change(newNext)} if nobody changed the keyring meanwhile; a key generated
	 * for it is destroyed when it did not get in. Not audited when it loses: every node's
	 * scheduler tries the same change, and all but one lose by design.
	 */
	Keyring commit(Keyring ring, String actor, String action, String kid, Function<KeyringEntry, Keyring> change,
			boolean generateNext) {
		KeyringEntry newNext = generateNext ? this.vault.generate(this.clock.instant()) : null;
		Keyring changed = change.apply(newNext);
		if (!this.store.compareAndSet(changed)) {
			if (newNext != null) {
				this.vault.destroy(newNext);
			}
			throw new KeyringConflictException(
					"the keyring changed meanwhile (version " + ring.version() + "); read it again");
		}
		this.audit.signingKey(action, actor, kid, "ok");
		log.info("Signing keyring version {}: {} {} by {}", changed.version(), action, kid, actor);
		this.refresher.apply(changed);
		return changed;
	}

	/** Removes keys no longer needed from the keyring, then destroys them. */
	void removeExpired(Keyring ring, String actor) {
		var removable = ring.removable(this.clock.instant(), this.properties.checkInterval());
		if (removable.isEmpty()) {
			return;
		}
		Keyring changed = ring.without(removable);
		if (this.store.compareAndSet(changed)) {
			for (KeyringEntry entry : removable) {
				this.vault.destroy(entry);
				this.audit.signingKey("remove", actor, entry.kid(), "ok");
			}
			this.refresher.apply(changed);
		}
	}

	Duration retention() {
		return this.retention;
	}

	RotationProperties properties() {
		return this.properties;
	}

	Clock clock() {
		return this.clock;
	}

	private KeyringConflictException refused(String actor, String action, String kid, String outcome, String message) {
		this.audit.signingKey(action, actor, kid, outcome);
		return new KeyringConflictException(message);
	}

}
