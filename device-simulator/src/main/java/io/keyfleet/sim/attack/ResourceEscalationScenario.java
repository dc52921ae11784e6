package io.keyfleet.sim.attack;

import java.util.List;
import java.util.Map;

import io.keyfleet.sim.ClientAuthMethod;

/**
 * A device allowed only resource-sample asks for a token whose audience is another resource
 * server, one it is not allowed. The contract: never an audience outside the device's
 * allowed resources, {@code 400 invalid_target}. (The issuer itself is no longer such a
 * resource: every client may ask for a token for it, to call its own client configuration
 * endpoint, RFC 7592; the admin API behind the same identifier still needs
 * {@code fleet:admin}, which {@code scope-escalation} tries.)
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8707#section-2">RFC 8707 Section 2</a>
 */
final class ResourceEscalationScenario implements AttackScenario {

	/** A resource server no attack device is allowed. */
	static final String OTHER_RESOURCE = "https://billing.keyfleet.example";

	@Override
	public String name() {
		return "resource-escalation";
	}

	@Override
	public String description() {
		return "a device allowed only resource-sample requests resource=" + OTHER_RESOURCE;
	}

	@Override
	public String expected() {
		return Expectation.INVALID_TARGET.describe();
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		AttackDevice device = context.register("resource", ClientAuthMethod.PRIVATE_KEY_JWT);
		Observed observed = context.tokenWithAssertion(context.validAssertion(device),
				Map.of("resource", List.of(OTHER_RESOURCE)));
		return Expectation.INVALID_TARGET.judge(name(), "resource " + OTHER_RESOURCE, observed);
	}

}
