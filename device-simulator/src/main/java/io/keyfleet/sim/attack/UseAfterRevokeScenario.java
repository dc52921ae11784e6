package io.keyfleet.sim.attack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.keyfleet.sim.ClientAuthMethod;
import io.keyfleet.sim.binding.ClientCertificate;

/**
 * A token kept and used after it was made dead: revoked by its device
 * ({@code POST /oauth2/revoke}, RFC 7009 Section 2), after the admin's {@code suspend},
 * and after the admin's {@code revoke-tokens} kill switch. The resource server re-checks
 * every request against the shared state (CONTRACT "Resource servers"): {@code 401
 * invalid_token} each time, without waiting for {@code exp}. Each live token must work
 * before it is killed. The scenario's own device is resumed at the end. A reuse that
 * races the resource server's invalidation notice is reported (see {@link #dead}).
 */
final class UseAfterRevokeScenario implements AttackScenario {

	/** Far longer than a pub/sub notice takes on one machine or one data centre. */
	static final Duration SETTLE = Duration.ofMillis(500);

	@Override
	public String name() {
		return "use-after-revoke";
	}

	@Override
	public String description() {
		return "use a token after /oauth2/revoke, after suspend, and after revoke-tokens";
	}

	@Override
	public String expected() {
		return Expectation.INVALID_TOKEN.describe() + " at the resource server each time";
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		ResourceServer resource = context.resourceServer();
		if (!resource.available()) {
			return ScenarioResult.skipped(name(), expected(), resource);
		}
		AttackDevice device = context.register("revoked", ClientAuthMethod.CLIENT_SECRET_BASIC,
				AttackContext.RESOURCE_SCOPES);
		List<ScenarioResult> checks = new ArrayList<>();
		String path = ResourceServer.configPath(device.id());
		try {
			String revoked = liveToken(context, device, path);
			Observed revocation = context.revoke(revoked, device.id(), device.secret());
			if (revocation.status() != 200) {
				return ScenarioResult.error(name(), expected(), "setup: revocation answered " + revocation.describe());
			}
			checks.add(dead(context, "after /oauth2/revoke", path, revoked));
			String suspended = liveToken(context, device, path);
			context.admin().deviceAction(device.id(), "suspend");
			checks.add(dead(context, "after suspend", path, suspended));
			context.admin().deviceAction(device.id(), "resume");
			String killed = liveToken(context, device, path);
			context.admin().deviceAction(device.id(), "revoke-tokens");
			checks.add(dead(context, "after revoke-tokens", path, killed));
		}
		catch (SetupFailed ex) {
			return ScenarioResult.error(name(), expected(), "setup: " + ex.getMessage());
		}
		finally {
			context.admin().deviceAction(device.id(), "resume"); // idempotent; leaves the device usable
		}
		return ScenarioResult.combine(name(), expected(), checks);
	}

	private static String liveToken(AttackContext context, AttackDevice device, String path) {
		Observed issued = context.token(device, Map.of(), null);
		if (issued.accessToken() == null) {
			throw new SetupFailed("no token: " + issued.describe());
		}
		Observed used = context.resourceServer().get(path, ResourceServer.bearer(issued.accessToken()), null);
		if (used.status() != 200) {
			throw new SetupFailed("the live token's call was " + used.describe());
		}
		return issued.accessToken();
	}

	private ScenarioResult dead(AttackContext context, String what, String path, String token) {
		return deadAtResource(name(), expected(), context, what, path, token, null);
	}

	/**
	 * Uses the dead token at once; if that was accepted, once more after {@link #SETTLE}.
	 * Resource guards hear of revocations asynchronously (a Redis pub/sub notice drops their
	 * cached "still good"), so a reuse within milliseconds can race the notice: the verdict
	 * is on the token's standing once the notice could arrive, and the observation says
	 * that the immediate reuse got through, so that the window is seen, not hidden.
	 * @param name the scenario's name
	 * @param expected what the scenario expects
	 * @param context the attack context
	 * @param what the attempt, e.g. "after suspend"
	 * @param path the resource path to {@code GET}
	 * @param token the dead token, presented as a bearer token
	 * @param certificate the client certificate to present with it, or {@code null}
	 * @return the verdict: {@code 401 invalid_token} expected
	 */
	static ScenarioResult deadAtResource(String name, String expected, AttackContext context, String what,
			String path, String token, ClientCertificate certificate) {
		Observed immediate = context.resourceServer().get(path, ResourceServer.bearer(token), certificate);
		if (immediate.status() / 100 != 2) {
			return Expectation.INVALID_TOKEN.judge(name, what, immediate);
		}
		try {
			Thread.sleep(SETTLE.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		ScenarioResult settled = Expectation.INVALID_TOKEN.judge(name, what + " (" + SETTLE.toMillis() + " ms on)",
				context.resourceServer().get(path, ResourceServer.bearer(token), certificate));
		return new ScenarioResult(name, settled.outcome(), expected, settled.observed()
				+ " [an immediate reuse was accepted: the resource server had not yet heard of it]");
	}

	/** The scenario could not get to the attack. */
	private static final class SetupFailed extends RuntimeException {

		SetupFailed(String message) {
			super(message);
		}

	}

}
