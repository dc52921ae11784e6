package io.keyfleet.sim.attack;

import java.util.Map;

import io.keyfleet.sim.ClientAuthMethod;

/**
 * Sends a correctly signed assertion whose audience is another authorization server, as
 * an assertion stolen from (or made for) another server would be. The contract accepts
 * only the issuer or the token endpoint as {@code aud}: {@code 401 invalid_client}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7523#section-3">RFC 7523 Section 3, item 3</a>
 */
final class WrongAudienceScenario implements AttackScenario {

	static final String OTHER_SERVER = "https://other-as.example/oauth2/token";

	@Override
	public String name() {
		return "wrong-audience";
	}

	@Override
	public String description() {
		return "authenticate with an assertion addressed to another server (aud " + OTHER_SERVER + ")";
	}

	@Override
	public String expected() {
		return Expectation.INVALID_CLIENT.describe();
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		AttackDevice device = context.register("wrong-aud", ClientAuthMethod.PRIVATE_KEY_JWT);
		String assertion = context.signEs256(context.claims(device.id()).audience(OTHER_SERVER).build(),
				device.privateKey(), device.keyId());
		return Expectation.INVALID_CLIENT.judge(name(), "assertion for another audience",
				context.tokenWithAssertion(assertion, Map.of()));
	}

}
