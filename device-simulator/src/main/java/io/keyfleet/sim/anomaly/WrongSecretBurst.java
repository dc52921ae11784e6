package io.keyfleet.sim.anomaly;

import java.time.Clock;
import java.time.Instant;

import io.keyfleet.sim.ClientAuthMethod;
import io.keyfleet.sim.SimException;
import io.keyfleet.sim.load.SourcedClient;

/**
 * A burst of wrong secrets for a {@code client_secret_basic} device: {@value #ATTEMPTS}
 * refused token requests in about {@value #SPREAD_MILLIS} ms, as someone guessing or a
 * device with a corrupted secret. Each is {@code 401 invalid_client}; few enough to stay
 * under the per-client rate limit (default burst 20). Kind {@code auth_failures}.
 */
final class WrongSecretBurst implements Misbehaviour {

	static final int ATTEMPTS = 10;

	static final long SPREAD_MILLIS = 2000;

	@Override
	public String name() {
		return "wrong-secret-burst";
	}

	@Override
	public String kind() {
		return "auth_failures";
	}

	@Override
	public String description() {
		return ATTEMPTS + " token requests with wrong client secrets within " + SPREAD_MILLIS / 1000 + " s";
	}

	@Override
	public Instant perform(FleetDevice device, Clock clock) {
		if (device.record().method() != ClientAuthMethod.CLIENT_SECRET_BASIC) {
			throw new SimException("wrong-secret-burst needs a client_secret_basic device, not " + device.id());
		}
		Instant start = clock.instant();
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			SourcedClient guess = device.withSecret("wrong-secret-" + attempt + "-" + start.toEpochMilli());
			guess.token(Sources.HOME);
			Pause.millis(SPREAD_MILLIS / ATTEMPTS);
		}
		return start;
	}

}
