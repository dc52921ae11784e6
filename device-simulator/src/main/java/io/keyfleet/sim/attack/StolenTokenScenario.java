package io.keyfleet.sim.attack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.keyfleet.sim.ClientAuthMethod;

/**
 * A token stolen from one device, in the hands of another device (the thief, a registered
 * device with its own valid credentials), and the kill switch that must make a stolen
 * token useless.
 *
 * <p>Until resource servers with TLS take part in the end-to-end tests (a later issue),
 * "used" is judged with token introspection (RFC 7662), which is what a resource server
 * asks: the thief introspecting the stolen token with its own credentials must get
 * {@code {"active": false}} (a foreign token, RFC 7662 Section 2.2, CONTRACT
 * "Introspection"); the thief must not be able to revoke it (RFC 7009 Section 2.1: only
 * tokens issued to the requesting client); after the admin's {@code revoke-tokens} kill
 * switch, and after {@code suspend}, the device's tokens must introspect as inactive (as
 * the admin client, which may introspect any token), and stay dead after {@code resume}.
 */
final class StolenTokenScenario implements AttackScenario {

	@Override
	public String name() {
		return "stolen-token";
	}

	@Override
	public String description() {
		return "device B uses device A's token; A's tokens after revoke-tokens and suspend (judged by introspection)";
	}

	@Override
	public String expected() {
		return "inactive for the thief, not revocable by the thief, inactive after kill switch and suspend (and resume)";
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		AttackDevice victim = context.register("stolen-victim", ClientAuthMethod.PRIVATE_KEY_JWT);
		AttackDevice thief = context.register("stolen-thief", ClientAuthMethod.CLIENT_SECRET_BASIC);
		String token = issue(context, victim);
		if (token == null || !active(context.introspectAsAdmin(token))) {
			return ScenarioResult.error(name(), expected(), "setup: no live token for the victim");
		}
		List<ScenarioResult> checks = new ArrayList<>();
		checks.add(inactive(context.introspect(token, thief.id(), thief.secret()), "thief introspects the token"));
		context.revoke(token, thief.id(), thief.secret());
		checks.add(active(context.introspectAsAdmin(token)) ? pass("thief's revocation left it live")
				: fail("the thief revoked another device's token"));
		context.admin().deviceAction(victim.id(), "revoke-tokens");
		checks.add(inactive(context.introspectAsAdmin(token), "after revoke-tokens"));
		String second = issue(context, victim);
		if (second == null) {
			return ScenarioResult.error(name(), expected(), "setup: no new token after the kill switch");
		}
		context.admin().deviceAction(victim.id(), "suspend");
		checks.add(inactive(context.introspectAsAdmin(second), "after suspend"));
		checks.add(Expectation.INVALID_CLIENT.judge(name(), "token request while suspended",
				context.tokenWithAssertion(context.validAssertion(victim), Map.of())));
		context.admin().deviceAction(victim.id(), "resume");
		checks.add(inactive(context.introspectAsAdmin(second), "after resume"));
		return ScenarioResult.combine(name(), expected(), checks);
	}

	private static String issue(AttackContext context, AttackDevice device) {
		return context.tokenWithAssertion(context.validAssertion(device), Map.of()).accessToken();
	}

	private static boolean active(Observed introspection) {
		return introspection.status() == 200 && Boolean.TRUE.equals(introspection.body().get("active"));
	}

	private ScenarioResult inactive(Observed introspection, String what) {
		if (introspection.status() != 200 || !(introspection.body().get("active") instanceof Boolean)) {
			return ScenarioResult.error(name(), expected(), what + ": introspection answered "
					+ introspection.describe() + ", not RFC 7662 JSON");
		}
		return active(introspection) ? fail(what + ": active") : pass(what + ": inactive");
	}

	private ScenarioResult pass(String observed) {
		return new ScenarioResult(name(), Outcome.REFUSED, expected(), observed);
	}

	private ScenarioResult fail(String observed) {
		return new ScenarioResult(name(), Outcome.GOT_THROUGH, expected(), observed);
	}

}
