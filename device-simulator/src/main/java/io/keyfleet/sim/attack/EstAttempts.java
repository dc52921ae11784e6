package io.keyfleet.sim.attack;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.stream.Collectors;

import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.SimException;
import io.keyfleet.sim.binding.ClientCertificate;
import io.keyfleet.sim.est.CertificationRequests;
import io.keyfleet.sim.est.CertsOnlyMessage;
import io.keyfleet.sim.est.EstResponse;

/**
 * What the EST scenarios share: a legitimate enrollment for their setup, and the judging of
 * an EST answer. EST refusals carry no error code (RFC 7030 Section 4.2.3: an HTTP error
 * status, the body is free text), so an attempt is judged by its status alone: any of the
 * statuses the contract allows is a refusal, a {@code 200} with a certificate got
 * through, anything else is an error.
 */
final class EstAttempts {

	private EstAttempts() {
	}

	/**
	 * Enrolls {@code deviceId} with a fresh enrollment token from the admin API.
	 * @param context the attack context
	 * @param deviceId a registered device
	 * @return its certificate and key
	 * @throws SimException when the legitimate enrollment fails (a setup failure)
	 */
	static ClientCertificate enroll(AttackContext context, String deviceId) {
		String token = context.admin().enrollmentToken(deviceId);
		java.security.KeyPair keyPair = EcKeys.generate();
		EstResponse response = context.est(null).simpleenroll(CertificationRequests.create(keyPair, deviceId), token);
		if (!response.isSuccess()) {
			throw new SimException("setup: the legitimate enrollment of " + deviceId + " failed: " + response.refusal());
		}
		return new ClientCertificate(response.issued(), keyPair.getPrivate());
	}

	/**
	 * @param statuses the refusal statuses the contract allows
	 * @return e.g. {@code HTTP 401 or 403, no certificate}
	 */
	static String describe(int... statuses) {
		return "HTTP " + Arrays.stream(statuses).mapToObj(String::valueOf).collect(Collectors.joining(" or "))
				+ ", no certificate";
	}

	/**
	 * @param name the scenario's name
	 * @param what the attempt
	 * @param response the EST answer
	 * @param statuses the refusal statuses the contract allows
	 * @return the verdict
	 */
	static ScenarioResult judge(String name, String what, EstResponse response, int... statuses) {
		String expected = describe(statuses);
		if (response.isSuccess()) {
			return new ScenarioResult(name, Outcome.GOT_THROUGH, expected,
					what + ": HTTP 200, certificate issued (" + subject(response) + ")");
		}
		String seen = what + ": HTTP " + response.status();
		if (Arrays.stream(statuses).anyMatch((status) -> status == response.status())) {
			return new ScenarioResult(name, Outcome.REFUSED, expected, seen);
		}
		return new ScenarioResult(name, Outcome.ERROR, expected,
				seen + " (refused, but not as the contract says: expected " + expected + ")");
	}

	/**
	 * @param response a successful EST answer
	 * @return the issued certificate's subject, or why it cannot be read
	 */
	static String subject(EstResponse response) {
		try {
			X509Certificate certificate = CertsOnlyMessage.certificates(response.body()).get(0);
			return certificate.getSubjectX500Principal().getName();
		}
		catch (SimException | IndexOutOfBoundsException ex) {
			return "unreadable: " + ex.getMessage();
		}
	}

}
