package io.keyfleet.sim.soak;

import java.time.Instant;

import io.keyfleet.sim.anomaly.Misbehaviour;

/**
 * One misbehaviour injected into a soak.
 *
 * @param device the misbehaving device
 * @param behaviour what it did
 * @param injectedAt when the misbehaviour began, or {@code null} when it could not be played
 * @param failure why it could not be played, or {@code null}
 */
record Injection(String device, Misbehaviour behaviour, Instant injectedAt, String failure) {

	boolean played() {
		return this.injectedAt != null;
	}

}
