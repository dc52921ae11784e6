package io.keyfleet.sim.attack;

import io.keyfleet.sim.attest.EatProfile;

/**
 * A device that reports firmware below the policy's {@code min_swversion} (1.9.0 under
 * 2.0.0), e.g. after a downgrade to a version with known holes. Its measurements stay the
 * approved ones, so that the version check alone must catch it. Contraindicated (CONTRACT
 * "Appraisal policy"): {@code 401 invalid_client_attestation}, and the tokens it got while
 * healthy die.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9711#section-4.2.7">RFC 9711 Section 4.2.7 (swversion)</a>
 */
final class FirmwareBelowMinimumScenario extends ContraindicatedEvidenceScenario {

	static final String OLD_FIRMWARE = "1.9.0";

	@Override
	public String name() {
		return "firmware-below-minimum";
	}

	@Override
	public String description() {
		return "a device that got a token attests again with swversion " + OLD_FIRMWARE + ", below the minimum";
	}

	@Override
	EatProfile tamper(EatProfile healthy) {
		return healthy.withSwversion(OLD_FIRMWARE);
	}

	@Override
	String evidenceLabel() {
		return "evidence of firmware " + OLD_FIRMWARE;
	}

}
