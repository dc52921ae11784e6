package io.keyfleet.sim.attack;

/**
 * Replays evidence the server has already accepted. Its {@code eat_nonce} is a challenge,
 * and challenges are single use (CONTRACT "Challenge"), so the replay is refused as
 * evidence without a usable challenge: {@code 400 use_attestation_challenge} (CONTRACT error
 * table; the server cannot tell a replay from an expired challenge, and either way the
 * device is asked for a fresh one). Not contraindicated: a replay says nothing about the
 * device's state.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9334#section-10.2">RFC 9334 Section 10.2 (nonce-based freshness)</a>
 */
final class EvidenceReplayScenario implements AttackScenario {

	@Override
	public String name() {
		return "evidence-replay";
	}

	@Override
	public String description() {
		return "send an EAT the server already accepted a second time (with a new client assertion)";
	}

	@Override
	public String expected() {
		return AttestationAttack.USE_ATTESTATION_CHALLENGE.describe() + " for the replay";
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		AttestationAttack attack = new AttestationAttack(context);
		AttestedDevice device = attack.register("evidence-replay");
		String evidence = attack.evidence(device, device.attestation().profile());
		if (AttestationAttack.affirmed(attack.token(device, evidence)) == null) {
			return AttestationAttack.noAffirmedToken(name(), expected());
		}
		return AttestationAttack.USE_ATTESTATION_CHALLENGE.judge(name(), "replayed evidence",
				attack.token(device, evidence));
	}

}
