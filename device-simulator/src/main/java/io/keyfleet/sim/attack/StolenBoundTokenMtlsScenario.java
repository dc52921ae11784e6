package io.keyfleet.sim.attack;

import java.util.List;
import java.util.Map;

import io.keyfleet.sim.ClientAuthMethod;
import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.binding.ClientCertificate;

/**
 * A certificate-bound token stolen from device A, used at the resource server over a
 * connection without A's certificate, and with another certificate of the same subject
 * (a certificate anyone can make). RFC 8705 Section 3 and CONTRACT "Resource servers":
 * {@code 401 invalid_token} both times. The victim's own call with its certificate must
 * succeed first, so that a refusal for another reason is not taken for the defence.
 */
final class StolenBoundTokenMtlsScenario implements AttackScenario {

	@Override
	public String name() {
		return "stolen-bound-token-mtls";
	}

	@Override
	public String description() {
		return "use device A's certificate-bound token without A's certificate, and with another certificate";
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
		AttackDevice victim = context.register("mtls-victim", ClientAuthMethod.CLIENT_SECRET_BASIC,
				AttackContext.RESOURCE_SCOPES);
		ClientCertificate certificate = ClientCertificate.selfSigned(victim.id(), EcKeys.generate(),
				context.clock().instant());
		Observed issued = context.token(victim, Map.of(), certificate);
		String token = issued.accessToken();
		if (token == null || !certificate.thumbprint().toString()
			.equals(AttackContext.confirmation(token).get("x5t#S256"))) {
			return ScenarioResult.error(name(), expected(), "setup: no certificate-bound token: " + issued.describe());
		}
		String path = ResourceServer.configPath(victim.id());
		Observed own = resource.get(path, ResourceServer.bearer(token), certificate);
		if (own.status() != 200) {
			return ScenarioResult.error(name(), expected(), "setup: the victim's own call was " + own.describe());
		}
		ClientCertificate another = ClientCertificate.selfSigned(victim.id(), EcKeys.generate(),
				context.clock().instant());
		return ScenarioResult.combine(name(), expected(), List.of(
				Expectation.INVALID_TOKEN.judge(name(), "without a client certificate",
						resource.get(path, ResourceServer.bearer(token), null)),
				Expectation.INVALID_TOKEN.judge(name(), "with another certificate of the same CN",
						resource.get(path, ResourceServer.bearer(token), another))));
	}

}
