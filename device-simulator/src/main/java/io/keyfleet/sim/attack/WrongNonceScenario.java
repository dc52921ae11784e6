package io.keyfleet.sim.attack;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

import io.keyfleet.sim.attest.EatEvidence;

/**
 * Sends evidence, correctly signed by the device, whose {@code eat_nonce} the server never
 * issued: pre-computed evidence (made before any challenge) must not pass for fresh.
 * Refused as evidence without a usable challenge, {@code 400 use_attestation_challenge}
 * (CONTRACT error table), and without consuming anything.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9711#section-4.1">RFC 9711 Section 4.1 (eat_nonce)</a>
 */
final class WrongNonceScenario implements AttackScenario {

	private static final SecureRandom RANDOM = new SecureRandom();

	@Override
	public String name() {
		return "wrong-nonce";
	}

	@Override
	public String description() {
		return "send a validly signed EAT whose eat_nonce is not a challenge of the server";
	}

	@Override
	public String expected() {
		return AttestationAttack.USE_ATTESTATION_CHALLENGE.describe();
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		AttestationAttack attack = new AttestationAttack(context);
		AttestedDevice device = attack.register("wrong-nonce");
		if (attack.affirmedToken(device) == null) {
			return AttestationAttack.noAffirmedToken(name(), expected());
		}
		byte[] nonce = new byte[32];
		RANDOM.nextBytes(nonce);
		String evidence = new EatEvidence(device.attestation().key(), device.attestation().profile())
			.sign(Base64.getUrlEncoder().withoutPadding().encodeToString(nonce), Instant.now());
		return AttestationAttack.USE_ATTESTATION_CHALLENGE.judge(name(), "evidence with a made-up nonce",
				attack.token(device, evidence));
	}

}
