package io.keyfleet.sim.attack;

import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.keyfleet.sim.ClientAuthMethod;
import io.keyfleet.sim.SimException;
import io.keyfleet.sim.binding.ClientCertificate;

/**
 * An RFC 9440 {@code Client-Cert} header naming another device's certificate, sent
 * straight to the token endpoint from an address that is not a trusted TLS-terminating
 * proxy. The header only means something from such a proxy (RFC 9440 Section 2; CONTRACT
 * and docs/contract-as-built.md "Mutual TLS and DPoP as built"), so it must be ignored:
 * claiming the victim's identity with it ({@code self_signed_tls_client_auth}) is
 * {@code 401 invalid_client}, and the attacker's own token must not be bound to the
 * victim's certificate. The victim's real mutual TLS authentication must succeed first.
 * Needs no resource server.
 */
final class ForgedClientCertHeaderScenario implements AttackScenario {

	@Override
	public String name() {
		return "forged-client-cert-header";
	}

	@Override
	public String description() {
		return "send a Client-Cert header with another device's certificate from an untrusted address";
	}

	@Override
	public String expected() {
		return "header ignored: " + Expectation.INVALID_CLIENT.describe()
				+ " as the victim, the attacker's token not bound to the victim's certificate";
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		AttackDevice victim = context.registerSelfSignedTls("forged-cert-victim");
		ClientCertificate certificate = ClientCertificate.selfSigned(victim.id(), victim.keyPair(),
				context.clock().instant());
		String thumbprint = certificate.thumbprint().toString();
		Observed real = context.token(victim, Map.of(), certificate);
		if (real.accessToken() == null) {
			return ScenarioResult.error(name(), expected(), "setup: the victim's mutual TLS authentication was "
					+ real.describe());
		}
		Map<String, String> forged = Map.of(AttackContext.FORGED_CERTIFICATE_HEADER, header(certificate));
		ScenarioResult impersonation = Expectation.INVALID_CLIENT.judge(name(), "as the victim by the header",
				context.token(victim, forged, null));
		AttackDevice attacker = context.register("forged-cert-attacker", ClientAuthMethod.CLIENT_SECRET_BASIC,
				AttackContext.RESOURCE_SCOPES);
		Observed own = context.token(attacker, forged, null);
		ScenarioResult binding;
		if (own.accessToken() == null) {
			binding = ScenarioResult.error(name(), expected(), "the attacker's own token request was " + own.describe());
		}
		else if (thumbprint.equals(AttackContext.confirmation(own.accessToken()).get("x5t#S256"))) {
			binding = new ScenarioResult(name(), Outcome.GOT_THROUGH, expected(),
					"the attacker's token is bound to the victim's certificate");
		}
		else {
			binding = new ScenarioResult(name(), Outcome.REFUSED, expected(),
					"the attacker's token is not bound to the victim's certificate");
		}
		return ScenarioResult.combine(name(), expected(), List.of(impersonation, binding));
	}

	/**
	 * @param certificate the certificate
	 * @return the header value: the DER as an RFC 8941 Byte Sequence (RFC 9440 Section 2.2)
	 */
	static String header(ClientCertificate certificate) {
		try {
			return ":" + Base64.getEncoder().encodeToString(certificate.certificate().getEncoded()) + ":";
		}
		catch (CertificateEncodingException ex) {
			throw new SimException("cannot encode the certificate: " + ex.getMessage(), ex);
		}
	}

}
