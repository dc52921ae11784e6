package io.keyfleet.sim.anomaly;

import java.time.Clock;
import java.time.Instant;

/**
 * A device that suddenly requests tokens far faster than its own baseline:
 * {@value #BURST} requests back to back (a firmware bug in a retry loop, or a credential
 * in a script). Few enough to stay under the per-client rate limit's default burst (20),
 * so that the detector, not the rate limit, must notice. Kind {@code token_rate}.
 */
final class TokenBurst implements Misbehaviour {

	static final int BURST = 18;

	@Override
	public String name() {
		return "token-burst";
	}

	@Override
	public String kind() {
		return "token_rate";
	}

	@Override
	public String description() {
		return BURST + " token requests back to back";
	}

	@Override
	public Instant perform(FleetDevice device, Clock clock) {
		Instant start = clock.instant();
		for (int request = 0; request < BURST; request++) {
			device.token(Sources.HOME);
		}
		return start;
	}

}
