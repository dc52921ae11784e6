package io.keyfleet.sim.attack;

import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.est.CertificationRequests;
import io.keyfleet.sim.est.EstResponse;

/**
 * An enrollment token used a second time, as by whoever copied it off a provisioning log
 * after the device enrolled. CONTRACT "Admin API": the token is a one-time secret, and
 * "a successful enrollment [uses it up]" ("Device PKI"): the second {@code simpleenroll}
 * is refused ({@code 401}: the server no longer knows the token; {@code 403} would do too)
 * and issues no certificate. The first use must succeed, so that a refusal for another
 * reason is not taken for the defence.
 */
final class EnrollmentTokenReuseScenario implements AttackScenario {

	@Override
	public String name() {
		return "enrollment-token-reuse";
	}

	@Override
	public String description() {
		return "use a device's enrollment token a second time (EST simpleenroll)";
	}

	@Override
	public String expected() {
		return EstAttempts.describe(401, 403) + " for the second use";
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		AttackDevice device = context.registerTlsClient("est-reuse");
		String token = context.admin().enrollmentToken(device.id());
		EstResponse first = context.est(null)
			.simpleenroll(CertificationRequests.create(EcKeys.generate(), device.id()), token);
		if (!first.isSuccess()) {
			return ScenarioResult.error(name(), expected(), "setup: the first use was refused: " + first.refusal());
		}
		EstResponse second = context.est(null)
			.simpleenroll(CertificationRequests.create(EcKeys.generate(), device.id()), token);
		ScenarioResult verdict = EstAttempts.judge(name(), "the token used again", second, 401, 403);
		return new ScenarioResult(name(), verdict.outcome(), expected(), verdict.observed());
	}

}
