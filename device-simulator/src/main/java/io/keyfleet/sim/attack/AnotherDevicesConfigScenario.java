package io.keyfleet.sim.attack;

import java.util.Map;

import io.keyfleet.sim.ClientAuthMethod;

/**
 * Device A reads device B's configuration with its own good token. The sample's
 * {@code GET /devices/{id}/config} needs {@code sub == id} (least privilege, CONTRACT
 * "Resource servers"): {@code 403 insufficient_scope} (RFC 6750 Section 3.1). A's read of
 * its own configuration must succeed first.
 */
final class AnotherDevicesConfigScenario implements AttackScenario {

	@Override
	public String name() {
		return "another-devices-config";
	}

	@Override
	public String description() {
		return "device A reads GET /devices/{B}/config with its own token";
	}

	@Override
	public String expected() {
		return Expectation.INSUFFICIENT_SCOPE.describe() + " at the resource server";
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		ResourceServer resource = context.resourceServer();
		if (!resource.available()) {
			return ScenarioResult.skipped(name(), expected(), resource);
		}
		AttackDevice reader = context.register("config-reader", ClientAuthMethod.CLIENT_SECRET_BASIC,
				AttackContext.RESOURCE_SCOPES);
		AttackDevice other = context.register("config-owner", ClientAuthMethod.CLIENT_SECRET_BASIC,
				AttackContext.RESOURCE_SCOPES);
		Observed issued = context.token(reader, Map.of(), null);
		if (issued.accessToken() == null) {
			return ScenarioResult.error(name(), expected(), "setup: no token: " + issued.describe());
		}
		Map<String, String> bearer = ResourceServer.bearer(issued.accessToken());
		Observed own = resource.get(ResourceServer.configPath(reader.id()), bearer, null);
		if (own.status() != 200) {
			return ScenarioResult.error(name(), expected(), "setup: A's read of its own config was " + own.describe());
		}
		return Expectation.INSUFFICIENT_SCOPE.judge(name(), "A reads B's config",
				resource.get(ResourceServer.configPath(other.id()), bearer, null));
	}

}
