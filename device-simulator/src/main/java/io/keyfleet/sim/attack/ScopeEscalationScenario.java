package io.keyfleet.sim.attack;

import java.util.List;
import java.util.Map;

import io.keyfleet.sim.ClientAuthMethod;

/**
 * A device allowed only {@code telemetry:write} asks for the administrative scope
 * {@code fleet:admin} besides it. The contract: a device never gets a scope outside its
 * allowed scopes, {@code 400 invalid_scope}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.2">RFC 6749 Section 5.2</a>
 */
final class ScopeEscalationScenario implements AttackScenario {

	@Override
	public String name() {
		return "scope-escalation";
	}

	@Override
	public String description() {
		return "a device allowed telemetry:write requests scope \"telemetry:write fleet:admin\"";
	}

	@Override
	public String expected() {
		return Expectation.INVALID_SCOPE.describe();
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		AttackDevice device = context.register("scope", ClientAuthMethod.PRIVATE_KEY_JWT);
		Observed observed = context.tokenWithAssertion(context.validAssertion(device),
				Map.of("scope", List.of("telemetry:write fleet:admin")));
		return Expectation.INVALID_SCOPE.judge(name(), "scope fleet:admin", observed);
	}

}
