package io.keyfleet.sim.attack;

import java.util.Map;

import io.keyfleet.sim.ClientAuthMethod;

/**
 * Replays a client assertion that the server has already accepted once. The contract:
 * {@code jti} is single use across all server nodes, a replay is {@code 401
 * invalid_client}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7523#section-3">RFC 7523 Section 3, item 7</a>
 */
final class AssertionReplayScenario implements AttackScenario {

	@Override
	public String name() {
		return "assertion-replay";
	}

	@Override
	public String description() {
		return "send a private_key_jwt assertion the server already accepted a second time";
	}

	@Override
	public String expected() {
		return Expectation.INVALID_CLIENT.describe() + " for the replay";
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		AttackDevice device = context.register("replay", ClientAuthMethod.PRIVATE_KEY_JWT);
		String assertion = context.validAssertion(device);
		Observed first = context.tokenWithAssertion(assertion, Map.of());
		if (first.accessToken() == null) {
			return ScenarioResult.error(name(), expected(),
					"setup: the first, legitimate use of the assertion was refused: " + first.describe());
		}
		Observed replay = context.tokenWithAssertion(assertion, Map.of());
		return Expectation.INVALID_CLIENT.judge(name(), "replayed assertion", replay);
	}

}
