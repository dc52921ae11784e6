package io.keyfleet.sim.attack;

/**
 * A device whose evidence reports debug enabled (RFC 9711 Section 4.2.9, {@code dbgstat}
 * {@code enabled}): its secrets may be read out, so the appraisal is contraindicated
 * (CONTRACT "Appraisal policy"): {@code 401 invalid_client_attestation}, and the tokens it
 * got while healthy die.
 */
final class DebugEnabledScenario implements AttackScenario {

	@Override
	public String name() {
		return "debug-enabled";
	}

	@Override
	public String description() {
		return "a device that got a token attests again with dbgstat enabled";
	}

	@Override
	public String expected() {
		return AttestationAttack.INVALID_CLIENT_ATTESTATION.describe() + ", and its earlier token inactive";
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		AttestationAttack attack = new AttestationAttack(context);
		AttestedDevice device = attack.register("debug-enabled");
		String earlier = attack.affirmedToken(device);
		if (earlier == null) {
			return AttestationAttack.noAffirmedToken(name(), expected());
		}
		Observed answer = attack.token(device, attack.evidence(device, device.attestation().profile().withDbgstat("enabled")));
		return attack.contraindicated(name(), expected(), "evidence with debug enabled", answer, earlier);
	}

}
