package io.keyfleet.auth.keys;

import java.time.Instant;
import java.util.function.Function;

/**
 * What every node does each {@code check-interval}: re-read the keyring (the fallback for a
 * missed change notice), add a next key if there is none, rotate when the active key has
 * signed for {@code period} and the next key has been published for {@code publish-ahead},
 * and remove keys no longer needed. All nodes run it; the keyring's compare-and-set makes
 * each change happen once, and the nodes that lost simply read the winner's keyring.
 */
final class ScheduledRotation implements Runnable {

	static final String ACTOR = "scheduler";

	private final KeyRotation rotation;

	ScheduledRotation(KeyRotation rotation) {
		this.rotation = rotation;
	}

	@Override
	public void run() {
		this.rotation.reload();
		Keyring ring = this.rotation.keyring();
		if (ring.next().isEmpty()) {
			ring = attempt(ring, "add-next", ring.active().kid(), ring::withNext, true);
		}
		if (due(ring)) {
			Keyring current = ring;
			Instant now = this.rotation.clock().instant();
			ring = attempt(ring, "rotate", ring.next().orElseThrow().kid(),
					newNext -> current.rotate(newNext, now, this.rotation.retention()), true);
		}
		this.rotation.removeExpired(ring, ACTOR);
	}

	private boolean due(Keyring ring) {
		RotationProperties properties = this.rotation.properties();
		if (!properties.enabled() || ring.next().isEmpty()) {
			return false;
		}
		Instant now = this.rotation.clock().instant();
		Instant activated = ring.active().activatedAt();
		return !now.isBefore(activated.plus(properties.period()))
				&& !now.isBefore(ring.next().orElseThrow().createdAt().plus(properties.publishAhead()));
	}

	/** One change; when another node made one first, its keyring is what counts. */
	private Keyring attempt(Keyring ring, String action, String kid,
			Function<KeyringEntry, Keyring> change, boolean generateNext) {
		try {
			return this.rotation.commit(ring, ACTOR, action, kid, change, generateNext);
		}
		catch (KeyringConflictException ex) {
			return this.rotation.keyring();
		}
	}

}
