package io.keyfleet.sim.attack;

import java.time.Instant;

import io.keyfleet.sim.attest.EatEvidence;

/**
 * Evidence for device A (A's UEID, a fresh challenge) signed with device B's attestation
 * key, as a healthy device would sign for a compromised one. The server verifies EAT with
 * A's registered {@code eat_key} only, so the signature fails: contraindicated (CONTRACT
 * "Appraisal policy": a signature failure), {@code 401 invalid_client_attestation}, and A's
 * earlier tokens die.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9334#section-12.1">RFC 9334 Section 12.1 (attester key protection)</a>
 */
final class ForeignEvidenceScenario implements AttackScenario {

	@Override
	public String name() {
		return "evidence-signed-by-another-device";
	}

	@Override
	public String description() {
		return "device A sends an EAT about itself signed with device B's attestation key (B's kid)";
	}

	@Override
	public String expected() {
		return AttestationAttack.INVALID_CLIENT_ATTESTATION.describe() + ", and A's earlier token inactive";
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		AttestationAttack attack = new AttestationAttack(context);
		AttestedDevice victim = attack.register("foreign-evidence-a");
		AttestedDevice signer = attack.register("foreign-evidence-b");
		String earlier = attack.affirmedToken(victim);
		if (earlier == null) {
			return AttestationAttack.noAffirmedToken(name(), expected());
		}
		String evidence = new EatEvidence(signer.attestation().key(), victim.attestation().profile())
			.sign(attack.challenge(), Instant.now());
		Observed answer = attack.token(victim, evidence);
		return attack.contraindicated(name(), expected(), "A's evidence signed by B", answer, earlier);
	}

}
