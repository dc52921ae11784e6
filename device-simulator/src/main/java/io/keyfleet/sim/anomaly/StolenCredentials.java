package io.keyfleet.sim.anomaly;

import java.time.Clock;
import java.time.Instant;

import io.keyfleet.sim.SimException;
import io.keyfleet.sim.load.TokenAnswer;

/**
 * Stolen credentials: a thief gets tokens with the device's credential from an address the
 * device was never seen at ({@link Sources#THIEF}), {@value #THEFTS} times, while the real
 * device carries on from home between them. Kind {@code new_source}.
 */
final class StolenCredentials implements Misbehaviour {

	static final int THEFTS = 2;

	static final long PAUSE_MILLIS = 1000;

	@Override
	public String name() {
		return "stolen-credentials";
	}

	@Override
	public String kind() {
		return "new_source";
	}

	@Override
	public String description() {
		return "a thief requests tokens with the device's credential from 127.0.0.3 while the device carries on from "
				+ "127.0.0.1";
	}

	@Override
	public Instant perform(FleetDevice device, Clock clock) {
		Instant start = clock.instant();
		for (int theft = 0; theft < THEFTS; theft++) {
			TokenAnswer stolen = device.token(Sources.THIEF);
			if (stolen.status() == 0) {
				throw new SimException("the thief's request from " + Sources.THIEF.getHostAddress()
						+ " got no answer (" + stolen.error() + "): can this machine bind 127.0.0.3?");
			}
			Pause.millis(PAUSE_MILLIS / 2);
			device.token(Sources.HOME); // the real device, unaware
			Pause.millis(PAUSE_MILLIS / 2);
		}
		return start;
	}

}
