package io.keyfleet.sim.attack;

import java.util.List;
import java.util.Map;

import io.keyfleet.sim.ClientAuthMethod;
import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.binding.DPoPProofs;

/**
 * A DPoP proof captured in transit and sent again: at the token endpoint ({@code 400
 * invalid_dpop_proof}, RFC 9449 Section 11.1, the proof's {@code jti} is single use across
 * the server's nodes) and at the resource server ({@code 401 invalid_dpop_proof}). The
 * first use of each proof must succeed, so that the refusal is the replay's.
 */
final class DpopProofReplayScenario implements AttackScenario {

	@Override
	public String name() {
		return "dpop-proof-replay";
	}

	@Override
	public String description() {
		return "send the same DPoP proof twice, to the token endpoint and to the resource server";
	}

	@Override
	public String expected() {
		return Expectation.INVALID_DPOP_PROOF.describe() + " at the token endpoint, "
				+ Expectation.INVALID_DPOP_PROOF_AT_RESOURCE.describe() + " at the resource server";
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		ResourceServer resource = context.resourceServer();
		if (!resource.available()) {
			return ScenarioResult.skipped(name(), expected(), resource);
		}
		AttackDevice device = context.register("dpop-replay", ClientAuthMethod.CLIENT_SECRET_BASIC,
				AttackContext.RESOURCE_SCOPES);
		DPoPProofs key = new DPoPProofs(EcKeys.generate());
		Map<String, String> tokenProof = Map.of("DPoP", key.forTokenRequest(context.tokenEndpoint(), null));
		Observed first = context.token(device, tokenProof, null);
		String token = first.accessToken();
		if (token == null) {
			return ScenarioResult.error(name(), expected(), "setup: the proof's first use was " + first.describe());
		}
		ScenarioResult atTokenEndpoint = Expectation.INVALID_DPOP_PROOF.judge(name(), "replayed at the token endpoint",
				context.token(device, tokenProof, null));
		String path = ResourceServer.configPath(device.id());
		Map<String, String> call = ResourceServer.dpop(token, key.forResource("GET", resource.url(path), token, null));
		Observed own = resource.get(path, call, null);
		if (own.status() != 200) {
			return ScenarioResult.error(name(), expected(), "setup: the proof's first use at the resource server was "
					+ own.describe());
		}
		return ScenarioResult.combine(name(), expected(), List.of(atTokenEndpoint, Expectation.INVALID_DPOP_PROOF_AT_RESOURCE
			.judge(name(), "replayed at the resource server", resource.get(path, call, null))));
	}

}
