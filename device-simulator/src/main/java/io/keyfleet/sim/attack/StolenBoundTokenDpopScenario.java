package io.keyfleet.sim.attack;

import java.util.List;
import java.util.Map;

import io.keyfleet.sim.ClientAuthMethod;
import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.binding.DPoPProofs;

/**
 * A DPoP-bound token stolen from device A, used at the resource server with the
 * {@code Bearer} scheme (as if DPoP did not exist), and with a valid proof of the thief's
 * own key. RFC 9449 Sections 7.1 and 7.2, CONTRACT "Resource servers": {@code 401
 * invalid_token} both times. The victim's own call with its key must succeed first.
 */
final class StolenBoundTokenDpopScenario implements AttackScenario {

	@Override
	public String name() {
		return "stolen-bound-token-dpop";
	}

	@Override
	public String description() {
		return "use device A's DPoP-bound token with the Bearer scheme, and with a proof of another key";
	}

	@Override
	public String expected() {
		return Expectation.INVALID_TOKEN.describe() + " at the resource server";
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		ResourceServer resource = context.resourceServer();
		if (!resource.available()) {
			return ScenarioResult.skipped(name(), expected(), resource);
		}
		AttackDevice victim = context.register("dpop-victim", ClientAuthMethod.CLIENT_SECRET_BASIC,
				AttackContext.RESOURCE_SCOPES);
		DPoPProofs key = new DPoPProofs(EcKeys.generate());
		Observed issued = context.token(victim, Map.of("DPoP", key.forTokenRequest(context.tokenEndpoint(), null)),
				null);
		String token = issued.accessToken();
		if (token == null || !key.thumbprint().toString().equals(AttackContext.confirmation(token).get("jkt"))) {
			return ScenarioResult.error(name(), expected(), "setup: no DPoP-bound token: " + issued.describe());
		}
		String path = ResourceServer.configPath(victim.id());
		Observed own = resource.get(path, ResourceServer.dpop(token, key.forResource("GET", resource.url(path), token,
				null)), null);
		if (own.status() != 200) {
			return ScenarioResult.error(name(), expected(), "setup: the victim's own call was " + own.describe());
		}
		DPoPProofs thief = new DPoPProofs(EcKeys.generate());
		return ScenarioResult.combine(name(), expected(), List.of(
				Expectation.INVALID_TOKEN.judge(name(), "with the Bearer scheme",
						resource.get(path, ResourceServer.bearer(token), null)),
				Expectation.INVALID_TOKEN.judge(name(), "with a proof of another key", resource.get(path,
						ResourceServer.dpop(token, thief.forResource("GET", resource.url(path), token, null)), null))));
	}

}
