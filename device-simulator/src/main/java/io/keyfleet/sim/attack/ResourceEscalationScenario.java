package io.keyfleet.sim.attack;

import java.util.List;
import java.util.Map;

import io.keyfleet.sim.ClientAuthMethod;

/**
 * A device allowed only resource-sample asks for a token whose audience is the admin API
 * (its resource identifier is the issuer URL, CONTRACT "Access token"). The contract: never
 * an audience outside the device's allowed resources, {@code 400 invalid_target}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8707#section-2">RFC 8707 Section 2</a>
 */
final class ResourceEscalationScenario implements AttackScenario {

	@Override
	public String name() {
		return "resource-escalation";
	}

	@Override
	public String description() {
		return "a device allowed only resource-sample requests resource=<issuer> (the admin API)";
	}

	@Override
	public String expected() {
		return Expectation.INVALID_TARGET.describe();
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		AttackDevice device = context.register("resource", ClientAuthMethod.PRIVATE_KEY_JWT);
		Observed observed = context.tokenWithAssertion(context.validAssertion(device),
				Map.of("resource", List.of(context.issuer().toString())));
		return Expectation.INVALID_TARGET.judge(name(), "resource " + context.issuer(), observed);
	}

}
