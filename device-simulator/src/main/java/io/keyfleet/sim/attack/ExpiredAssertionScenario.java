package io.keyfleet.sim.attack;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import io.keyfleet.sim.ClientAuthMethod;

/**
 * Sends a correctly signed assertion that expired five minutes ago (issued ten minutes
 * ago). The server must reject an expired JWT: {@code 401 invalid_client}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7523#section-3">RFC 7523 Section 3, item 4</a>
 */
final class ExpiredAssertionScenario implements AttackScenario {

	@Override
	public String name() {
		return "expired-assertion";
	}

	@Override
	public String description() {
		return "authenticate with a correctly signed assertion that expired 5 minutes ago";
	}

	@Override
	public String expected() {
		return Expectation.INVALID_CLIENT.describe();
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		AttackDevice device = context.register("expired", ClientAuthMethod.PRIVATE_KEY_JWT);
		Instant now = Instant.now();
		String expired = context.signEs256(context.claims(device.id())
			.issueTime(Date.from(now.minus(Duration.ofMinutes(10))))
			.expirationTime(Date.from(now.minus(Duration.ofMinutes(5))))
			.build(), device.privateKey(), device.keyId());
		return Expectation.INVALID_CLIENT.judge(name(), "expired assertion",
				context.tokenWithAssertion(expired, Map.of()));
	}

}
