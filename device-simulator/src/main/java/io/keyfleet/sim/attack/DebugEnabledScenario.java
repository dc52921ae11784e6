package io.keyfleet.sim.attack;

import io.keyfleet.sim.attest.EatProfile;

/**
 * A device whose evidence reports debug enabled (RFC 9711 Section 4.2.9, {@code dbgstat}
 * {@code enabled}): its secrets may be read out, so the appraisal is contraindicated
 * (CONTRACT "Appraisal policy"): {@code 401 invalid_client_attestation}, and the tokens it
 * got while healthy die.
 */
final class DebugEnabledScenario extends ContraindicatedEvidenceScenario {

	@Override
	public String name() {
		return "debug-enabled";
	}

	@Override
	public String description() {
		return "a device that got a token attests again with dbgstat enabled";
	}

	@Override
	EatProfile tamper(EatProfile healthy) {
		return healthy.withDbgstat("enabled");
	}

	@Override
	String evidenceLabel() {
		return "evidence with debug enabled";
	}

}
