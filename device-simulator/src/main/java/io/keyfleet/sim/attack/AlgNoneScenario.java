package io.keyfleet.sim.attack;

import java.util.Map;

import com.nimbusds.jwt.PlainJWT;
import io.keyfleet.sim.ClientAuthMethod;

/**
 * Sends an unsecured client assertion ({@code "alg": "none"}) with otherwise valid claims
 * for a registered device. Client authentication must not accept an unsigned JWT:
 * {@code 401 invalid_client}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7519#section-6">RFC 7519 Section 6</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8725#section-3.1">RFC 8725 Section 3.1</a>
 */
final class AlgNoneScenario implements AttackScenario {

	@Override
	public String name() {
		return "alg-none";
	}

	@Override
	public String description() {
		return "authenticate as a device with an unsigned assertion (alg: none)";
	}

	@Override
	public String expected() {
		return Expectation.INVALID_CLIENT.describe();
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		AttackDevice victim = context.register("alg-none", ClientAuthMethod.PRIVATE_KEY_JWT);
		String unsigned = new PlainJWT(context.claims(victim.id()).build()).serialize();
		return Expectation.INVALID_CLIENT.judge(name(), "alg none assertion",
				context.tokenWithAssertion(unsigned, Map.of()));
	}

}
