package io.keyfleet.sim.anomaly;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import io.keyfleet.sim.SimException;
import io.keyfleet.sim.load.TokenAnswer;

/**
 * A cloned device: its credentials copied to a second box that requests tokens at the same
 * time as the real one, from another address ({@link Sources#CLONE}). {@value #ROUNDS}
 * rounds, {@value #PAUSE_MILLIS} ms apart, each a token request from both places at once.
 * Kind {@code clone}; the contract's default response quarantines the device.
 */
final class CloneBehaviour implements Misbehaviour {

	static final int ROUNDS = 4;

	static final long PAUSE_MILLIS = 500;

	@Override
	public String name() {
		return "clone";
	}

	@Override
	public String kind() {
		return "clone";
	}

	@Override
	public String description() {
		return "the same credentials request tokens at the same time from 127.0.0.1 and 127.0.0.2, " + ROUNDS
				+ " rounds";
	}

	@Override
	public Instant perform(FleetDevice device, Clock clock) {
		Instant start = clock.instant();
		for (int round = 0; round < ROUNDS; round++) {
			CompletableFuture<TokenAnswer> clone = CompletableFuture.supplyAsync(() -> device.token(Sources.CLONE));
			device.token(Sources.HOME);
			TokenAnswer cloned = clone.join();
			if (cloned.status() == 0) {
				throw new SimException("the clone's request from " + Sources.CLONE.getHostAddress() + " got no answer ("
						+ cloned.error() + "): can this machine bind 127.0.0.2?");
			}
			Pause.millis(PAUSE_MILLIS);
		}
		return start;
	}

}
