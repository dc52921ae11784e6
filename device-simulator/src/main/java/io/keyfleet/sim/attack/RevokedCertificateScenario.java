package io.keyfleet.sim.attack;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.binding.ClientCertificate;
import io.keyfleet.sim.est.CertificationRequests;

/**
 * A device certificate used after the admin revoked it ({@code POST
 * /api/v1/certificates/{serial}/revoke}, reason {@code keyCompromise}), as by whoever stole
 * the device's key: {@code tls_client_auth} at the token endpoint is {@code 401
 * invalid_client} (CONTRACT "Token": the certificate "must not be revoked"); the token
 * bound to it before (RFC 8705 Section 3) is {@code 401 invalid_token} at the resource
 * server, even with the certificate (CONTRACT "Resource servers": "certificate revoked"),
 * when one answers at {@code --resource-server}; and renewing with it (EST
 * {@code simplereenroll}) is refused. Before the revocation the certificate must get a
 * bound token, and that token must work at the resource server.
 */
final class RevokedCertificateScenario implements AttackScenario {

	@Override
	public String name() {
		return "revoked-certificate";
	}

	@Override
	public String description() {
		return "use a revoked device certificate: tls_client_auth, its bound token, EST simplereenroll";
	}

	@Override
	public String expected() {
		return Expectation.INVALID_CLIENT.describe() + " at the token endpoint, " + Expectation.INVALID_TOKEN.describe()
				+ " at the resource server, " + EstAttempts.describe(401, 403) + " for simplereenroll";
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		AttackDevice device = context.registerTlsClient("revoked-cert");
		ClientCertificate certificate = EstAttempts.enroll(context, device.id());
		Observed issued = context.token(device, Map.of(), certificate);
		String token = issued.accessToken();
		if (token == null || !certificate.thumbprint().toString()
			.equals(AttackContext.confirmation(token).get("x5t#S256"))) {
			return ScenarioResult.error(name(), expected(), "setup: no certificate-bound token: " + issued.describe());
		}
		ResourceServer resource = context.resourceServer();
		boolean atResource = resource.available();
		String path = ResourceServer.configPath(device.id());
		if (atResource) {
			Observed own = resource.get(path, ResourceServer.bearer(token), certificate);
			if (own.status() != 200) {
				return ScenarioResult.error(name(), expected(), "setup: the live token's call was " + own.describe());
			}
		}
		context.admin().revokeCertificate(certificate.certificate().getSerialNumber(), "keyCompromise");
		List<ScenarioResult> checks = new ArrayList<>();
		checks.add(Expectation.INVALID_CLIENT.judge(name(), "tls_client_auth with the revoked certificate",
				context.token(device, Map.of(), certificate)));
		if (atResource) {
			checks.add(UseAfterRevokeScenario.deadAtResource(name(), expected(), context,
					"its bound token with the revoked certificate", path, token, certificate));
		}
		KeyPair next = EcKeys.generate();
		checks.add(EstAttempts.judge(name(), "simplereenroll with the revoked certificate",
				context.est(certificate).simplereenroll(CertificationRequests.create(next, device.id())), 401, 403));
		ScenarioResult combined = ScenarioResult.combine(name(), expected(), checks);
		return atResource ? combined : new ScenarioResult(name(), combined.outcome(), expected(), combined.observed()
				+ "; resource server not tried: none answers at " + resource.base());
	}

}
