package io.keyfleet.sim.load;

import java.util.concurrent.atomic.LongAdder;

import io.keyfleet.sim.JsonOutput;
import io.keyfleet.sim.attest.AttestMode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What attestation cost in one phase: the challenges fetched (one per request that carried
 * fresh evidence), and the retries because the server asked for evidence
 * ({@code use_attestation_challenge}, {@code use_fresh_attestation}).
 */
final class AttestationCounts {

	final LongAdder challenges = new LongAdder();

	final LongAdder retries = new LongAdder();

	/**
	 * @param mode the run's mode
	 * @param devices how many of the run's devices attest
	 * @return the report's {@code attestation} object
	 */
	ObjectNode json(AttestMode mode, long devices) {
		ObjectNode json = JsonOutput.object();
		json.put("mode", mode.value());
		json.put("devices", devices);
		json.put("challenges", this.challenges.sum());
		json.put("retries", this.retries.sum());
		return json;
	}

}
