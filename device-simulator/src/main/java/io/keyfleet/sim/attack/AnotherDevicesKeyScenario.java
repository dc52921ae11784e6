package io.keyfleet.sim.attack;

import java.util.List;
import java.util.Map;

import io.keyfleet.sim.ClientAuthMethod;

/**
 * A registered device tries to authenticate as another device: an assertion with the
 * victim's id as {@code iss} and {@code sub}, signed with the attacker's own (registered,
 * valid) key, once with the victim's {@code kid}, once with its own. Only the victim's
 * registered keys may verify it: {@code 401 invalid_client} for both.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7523#section-3">RFC 7523 Section 3, items 1, 2 and 9</a>
 */
final class AnotherDevicesKeyScenario implements AttackScenario {

	@Override
	public String name() {
		return "another-devices-key";
	}

	@Override
	public String description() {
		return "device A signs an assertion claiming to be device B, with A's own registered key";
	}

	@Override
	public String expected() {
		return Expectation.INVALID_CLIENT.describe() + " for both";
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		AttackDevice victim = context.register("key-victim", ClientAuthMethod.PRIVATE_KEY_JWT);
		AttackDevice attacker = context.register("key-attacker", ClientAuthMethod.PRIVATE_KEY_JWT);
		String withVictimKid = context.signEs256(context.claims(victim.id()).build(), attacker.privateKey(),
				victim.keyId());
		String withOwnKid = context.signEs256(context.claims(victim.id()).build(), attacker.privateKey(),
				attacker.keyId());
		return ScenarioResult.combine(name(), expected(), List.of(
				Expectation.INVALID_CLIENT.judge(name(), "victim's kid",
						context.tokenWithAssertion(withVictimKid, Map.of())),
				Expectation.INVALID_CLIENT.judge(name(), "attacker's kid",
						context.tokenWithAssertion(withOwnKid, Map.of()))));
	}

}
