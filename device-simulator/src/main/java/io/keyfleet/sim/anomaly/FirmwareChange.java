package io.keyfleet.sim.anomaly;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import io.keyfleet.sim.SimException;
import io.keyfleet.sim.attest.EatProfile;
import io.keyfleet.sim.attest.Measurements;
import io.keyfleet.sim.load.TokenAnswer;

/**
 * A device whose firmware changes without a policy rollout: it attested firmware 2.5.0
 * until now and from now on reports {@value #CHANGED_FIRMWARE} (version and measurements),
 * which the unchanged policy still allows ({@code warning}, below the recommended version),
 * so that the token is issued and only the change itself is suspicious. Kind
 * {@code attestation_change}; the contract's default response steps the device up.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9711#section-4.2.7">RFC 9711 Section 4.2.7 (swversion)</a>
 */
final class FirmwareChange implements Misbehaviour {

	static final String CHANGED_FIRMWARE = "2.4.0";

	@Override
	public String name() {
		return "firmware-change";
	}

	@Override
	public String kind() {
		return "attestation_change";
	}

	@Override
	public String description() {
		return "an attesting device reports firmware " + CHANGED_FIRMWARE
				+ " (version and measurements) instead of 2.5.0, with no policy change";
	}

	@Override
	public boolean attests() {
		return true;
	}

	@Override
	public Instant perform(FleetDevice device, Clock clock) {
		EatProfile before = device.attestation().profile();
		device.report(before.withSwversion(CHANGED_FIRMWARE)
			.withMeasurements(Measurements.of(CHANGED_FIRMWARE, Set.of())));
		Instant start = clock.instant();
		TokenAnswer answer = device.token(Sources.HOME);
		if (!answer.issued()) {
			throw new SimException("evidence of firmware " + CHANGED_FIRMWARE + " got no token: " + answer.describe());
		}
		return start;
	}

}
