package io.keyfleet.sim.attack;

import io.keyfleet.sim.attest.EatProfile;

/**
 * What every "the device's state went bad" scenario does: a device attests healthily and
 * gets a token, then attests again with evidence that one thing made contraindicated
 * (CONTRACT "Appraisal policy"). Expected: {@code 401 invalid_client_attestation}, and the
 * token it got while healthy dies. A subclass says only what it changes.
 */
abstract class ContraindicatedEvidenceScenario implements AttackScenario {

	/** The healthy device's evidence with the one change this scenario is about. */
	abstract EatProfile tamper(EatProfile healthy);

	/** The changed evidence, for the verdict, e.g. "evidence with debug enabled". */
	abstract String evidenceLabel();

	@Override
	public final String expected() {
		return AttestationAttack.INVALID_CLIENT_ATTESTATION.describe() + ", and its earlier token inactive";
	}

	@Override
	public final ScenarioResult run(AttackContext context) {
		AttestationAttack attack = new AttestationAttack(context);
		AttestedDevice device = attack.register(name());
		String earlier = attack.affirmedToken(device);
		if (earlier == null) {
			return AttestationAttack.noAffirmedToken(name(), expected());
		}
		Observed answer = attack.token(device, attack.evidence(device, tamper(device.attestation().profile())));
		return attack.contraindicated(name(), expected(), evidenceLabel(), answer, earlier);
	}

}
