package io.keyfleet.sim.attack;

/**
 * A device that reports firmware below the policy's {@code min_swversion} (1.9.0 under
 * 2.0.0), e.g. after a downgrade to a version with known holes. Its measurements stay the
 * approved ones, so that the version check alone must catch it. Contraindicated (CONTRACT
 * "Appraisal policy"): {@code 401 invalid_client_attestation}, and the tokens it got while
 * healthy die.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9711#section-4.2.7">RFC 9711 Section 4.2.7 (swversion)</a>
 */
final class FirmwareBelowMinimumScenario implements AttackScenario {

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
	public String expected() {
		return AttestationAttack.INVALID_CLIENT_ATTESTATION.describe() + ", and its earlier token inactive";
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		AttestationAttack attack = new AttestationAttack(context);
		AttestedDevice device = attack.register("firmware-below-minimum");
		String earlier = attack.affirmedToken(device);
		if (earlier == null) {
			return AttestationAttack.noAffirmedToken(name(), expected());
		}
		Observed answer = attack.token(device,
				attack.evidence(device, device.attestation().profile().withSwversion(OLD_FIRMWARE)));
		return attack.contraindicated(name(), expected(), "evidence of firmware " + OLD_FIRMWARE, answer, earlier);
	}

}
