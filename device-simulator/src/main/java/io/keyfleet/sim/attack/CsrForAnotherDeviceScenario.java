package io.keyfleet.sim.attack;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.binding.ClientCertificate;
import io.keyfleet.sim.est.CertificationRequests;
import io.keyfleet.sim.est.CertsOnlyMessage;
import io.keyfleet.sim.est.EstResponse;

/**
 * Device A enrolls with its own enrollment token but a CSR whose subject claims to be
 * device B, to get a certificate that authenticates as B. CONTRACT "Device PKI": "the
 * issued certificate's subject is {@code CN=<device id>} whatever the CSR asks", so the
 * server either refuses the request or issues {@code CN=A}; a certificate naming B got
 * through. What was issued is then tried as B at the token endpoint
 * ({@code tls_client_auth} with {@code client_id} B): {@code 401 invalid_client}.
 */
final class CsrForAnotherDeviceScenario implements AttackScenario {

	@Override
	public String name() {
		return "csr-for-another-device";
	}

	@Override
	public String description() {
		return "enroll device A with a CSR whose subject is CN=<device B>, then use the certificate as B";
	}

	@Override
	public String expected() {
		return "a certificate for CN=<A> only (or a refusal), and " + Expectation.INVALID_CLIENT.describe()
				+ " when it is used as B";
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		AttackDevice victim = context.registerTlsClient("csr-victim");
		AttackDevice attacker = context.registerTlsClient("csr-attacker");
		String token = context.admin().enrollmentToken(attacker.id());
		KeyPair keyPair = EcKeys.generate();
		EstResponse response = context.est(null)
			.simpleenroll(CertificationRequests.create(keyPair, victim.id()), token);
		if (!response.isSuccess()) {
			ScenarioResult verdict = EstAttempts.judge(name(), "CSR for CN=" + victim.id(), response, 400, 403);
			return new ScenarioResult(name(), verdict.outcome(), expected(), verdict.observed());
		}
		X509Certificate issued = CertsOnlyMessage.certificates(response.body()).get(0);
		String subject = issued.getSubjectX500Principal().getName();
		List<ScenarioResult> checks = new ArrayList<>();
		String what = "CSR for CN=" + victim.id() + ": issued " + subject;
		if (subject.equals("CN=" + attacker.id())) {
			checks.add(new ScenarioResult(name(), Outcome.REFUSED, expected(), what + " (its own id)"));
		}
		else if (subject.contains(victim.id())) {
			checks.add(new ScenarioResult(name(), Outcome.GOT_THROUGH, expected(), what + " (the other device)"));
		}
		else {
			checks.add(new ScenarioResult(name(), Outcome.ERROR, expected(), what + " (expected CN=" + attacker.id()
					+ ")"));
		}
		ClientCertificate certificate = new ClientCertificate(issued, keyPair.getPrivate());
		checks.add(Expectation.INVALID_CLIENT.judge(name(), "its certificate as " + victim.id() + " (tls_client_auth)",
				context.token(victim, Map.of(), certificate)));
		return ScenarioResult.combine(name(), expected(), checks);
	}

}
