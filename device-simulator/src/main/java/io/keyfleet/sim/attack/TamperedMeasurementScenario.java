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
final class TamperedMeasurementScenario implements AttackScenario {

	@Override
	public String name() {
		return "tampered-measurement";
	}

	@Override
	public String description() {
		return "a device that got a token attests again with a kernel measurement no policy allows";
	}

	@Override
	public String expected() {
		return AttestationAttack.INVALID_CLIENT_ATTESTATION.describe() + ", and its earlier token inactive";
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		AttestationAttack attack = new AttestationAttack(context);
		AttestedDevice device = attack.register("tampered-measurement");
		String earlier = attack.affirmedToken(device);
		if (earlier == null) {
			return AttestationAttack.noAffirmedToken(name(), expected());
		}
		EatProfile healthy = device.attestation().profile();
		EatProfile tampered = healthy.withMeasurements(Measurements.of(healthy.swversion(), Set.of("kernel")));
		Observed answer = attack.token(device, attack.evidence(device, tampered));
		return attack.contraindicated(name(), expected(), "evidence with a tampered kernel", answer, earlier);
	}

}
