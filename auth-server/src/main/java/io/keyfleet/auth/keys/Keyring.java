package io.keyfleet.auth.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The token-signing keys of one issuer as every server node agrees on them (stored in Redis
 * by {@link KeyringStore}): one {@link KeyState#ACTIVE active} key, normally one
 * {@link KeyState#NEXT next} key, and retired or revoked keys until they are removed.
 * Immutable; each change makes a new keyring with the version one higher, which is what the
 * store's compare-and-set checks, so concurrent changes by several nodes apply once.
 *
 * @param version increases by one with every change; 0 means "not stored yet"
 * @param entries the keys, in no particular order
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517#section-5">RFC 7517 §5 JWK Set</a>
 */
public record Keyring(long version, List<KeyringEntry> entries) {

	/** Active first, then next, then the others newest first. */
	private static final Comparator<KeyringEntry> PUBLICATION_ORDER = Comparator.comparingInt(Keyring::rank)
		.thenComparing(KeyringEntry::createdAt, Comparator.reverseOrder());

	private static int rank(KeyringEntry entry) {
		return switch (entry.state()) {
			case ACTIVE -> 0;
			case NEXT -> 1;
			default -> 2;
		};
	}

	public Keyring {
		entries = List.copyOf(entries);
		if (entries.stream().filter(e -> e.state() == KeyState.ACTIVE).count() != 1) {
			throw new IllegalArgumentException("a keyring has exactly one active key");
		}
		if (entries.stream().filter(e -> e.state() == KeyState.NEXT).count() > 1) {
			throw new IllegalArgumentException("a keyring has at most one next key");
		}
	}

	/** The first keyring of an issuer: the configured key active, a next key ready. */
	static Keyring seed(KeyringEntry active, KeyringEntry next, Instant now) {
		return new Keyring(1, List.of(active.activated(now), next));
	}

	public KeyringEntry active() {
		return this.entries.stream().filter(e -> e.state() == KeyState.ACTIVE).findFirst().orElseThrow();
	}

	public Optional<KeyringEntry> next() {
		return this.entries.stream().filter(e -> e.state() == KeyState.NEXT).findFirst();
	}

	public Optional<KeyringEntry> byKid(String kid) {
		return this.entries.stream().filter(e -> e.kid().equals(kid)).findFirst();
	}

	/** Every key, active first, then next, then the others newest first. */
	public List<KeyringEntry> ordered() {
		return this.entries.stream().sorted(PUBLICATION_ORDER).toList();
	}

	/** What the JWKS lists at {@code now}: active, next, retired keys still needed. */
	public List<KeyringEntry> published(Instant now) {
		return ordered().stream().filter(e -> e.publishedAt(now)).toList();
	}

	/**
	 * Promotes the next key, retires the active one (published for {@code retention} more)
	 * and adds {@code newNext}.
	 */
	Keyring rotate(KeyringEntry newNext, Instant now, Duration retention) {
		KeyringEntry next = next().orElseThrow(() -> new IllegalStateException("no next key to promote"));
		List<KeyringEntry> changed = new ArrayList<>();
		for (KeyringEntry entry : this.entries) {
			if (entry.state() == KeyState.ACTIVE) {
				changed.add(entry.retired(now, now.plus(retention)));
			}
			else if (entry != next) {
				changed.add(entry);
			}
		}
		changed.add(next.activated(now));
		changed.add(newNext);
		return new Keyring(this.version + 1, changed);
	}

	/** Adds a next key to a keyring that has none (after a revocation of the next key failed half-way). */
	Keyring withNext(KeyringEntry newNext) {
		List<KeyringEntry> changed = new ArrayList<>(this.entries);
		changed.add(newNext);
		return new Keyring(this.version + 1, changed);
	}

	/** Whether revoking {@code kid} needs a new next key (it is the active or the next key). */
	boolean revocationNeedsNewNext(String kid) {
		return byKid(kid).map(e -> e.state() == KeyState.ACTIVE || e.state() == KeyState.NEXT).orElse(false);
	}

	/**
	 * Withdraws a compromised key at once. The active key is replaced by the next one
	 * without waiting (an emergency rotation), or by {@code newNext} when there is no next
	 * key; a revoked next key is replaced by {@code newNext}.
	 */
	Keyring revoke(String kid, KeyringEntry newNext, Instant now) {
		KeyringEntry target = byKid(kid).orElseThrow();
		KeyringEntry takeover = null;
		if (target.state() == KeyState.ACTIVE) {
			takeover = next().orElse(newNext);
			if (takeover == null) {
				throw new IllegalStateException("no key to take over from the revoked active key");
			}
		}
		List<KeyringEntry> changed = new ArrayList<>();
		for (KeyringEntry entry : this.entries) {
			if (entry == target) {
				changed.add(entry.revoked(now));
			}
			else if (entry != takeover) {
				changed.add(entry);
			}
		}
		if (takeover != null) {
			changed.add(takeover.activated(now));
		}
		if (newNext != null && newNext != takeover) {
			changed.add(newNext);
		}
		return new Keyring(this.version + 1, changed);
	}

	/**
	 * Retired keys past publication and revoked keys, once {@code grace} more has passed
	 * (a node that missed the change may still hold them): these can be destroyed.
	 */
	List<KeyringEntry> removable(Instant now, Duration grace) {
		return this.entries.stream()
			.filter(e -> e.state() == KeyState.RETIRED || e.state() == KeyState.REVOKED)
			.filter(e -> !now.isBefore(e.publishedUntil().plus(grace)))
			.toList();
	}

	Keyring without(List<KeyringEntry> removed) {
		List<KeyringEntry> kept = this.entries.stream().filter(e -> !removed.contains(e)).toList();
		return new Keyring(this.version + 1, kept);
	}

}
