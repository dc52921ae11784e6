package io.keyfleet.sim.attack;

import java.util.Set;

import io.keyfleet.sim.attest.EatProfile;
import io.keyfleet.sim.attest.Measurements;

/**
 * A device whose kernel is not what the vendor shipped: its {@code kf_measurements} digest
 * is not among the policy's reference values (RFC 9334 Section 8.3), so the appraisal is
 * contraindicated (CONTRACT "Appraisal policy"): {@code 401 invalid_client_attestation},
 * and the tokens it got while healthy die.
 */
final class TamperedMeasurementScenario extends ContraindicatedEvidenceScenario {

	@Override
	public String name() {
		return "tampered-measurement";
	}

	@Override
	public String description() {
		return "a device that got a token attests again with a kernel measurement no policy allows";
	}

	@Override
	EatProfile tamper(EatProfile healthy) {
		return healthy.withMeasurements(Measurements.of(healthy.swversion(), Set.of("kernel")));
	}

	@Override
	String evidenceLabel() {
		return "evidence with a tampered kernel";
	}

}
