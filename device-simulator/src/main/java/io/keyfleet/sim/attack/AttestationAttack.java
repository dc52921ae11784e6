package io.keyfleet.sim.attack;

import java.security.KeyPair;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jwt.SignedJWT;
import io.keyfleet.sim.ClientAuthMethod;
import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.attest.AttestationErrors;
import io.keyfleet.sim.attest.AttestationKey;
import io.keyfleet.sim.attest.EatDevice;
import io.keyfleet.sim.attest.EatDeviceSpec;
import io.keyfleet.sim.attest.EatEvidence;
import io.keyfleet.sim.attest.EatProfile;
import io.keyfleet.sim.attest.EatRegistration;
import io.keyfleet.sim.attest.SimulatorPolicy;
import io.keyfleet.sim.attest.Ueid;
import io.keyfleet.sim.fleet.DeviceTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the attestation attacks share: a model of the run's own with the simulator's policy
 * (so that the attacks never depend on what the server was seeded with, nor change the
 * policy of a model real devices use), devices registered with attestation required,
 * evidence over fresh challenges, and the legitimate twin of every attack: healthy
 * evidence that gets a token whose {@code att.status} is {@code affirming}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9334#section-10">RFC 9334 Section 10 (freshness)</a>
 */
final class AttestationAttack {

	/** CONTRACT error table: evidence whose nonce is not an unused challenge. */
	static final Expectation USE_ATTESTATION_CHALLENGE = new Expectation(400,
			AttestationErrors.USE_ATTESTATION_CHALLENGE);

	/** CONTRACT error table: evidence that fails verification or appraisal. */
	static final Expectation INVALID_CLIENT_ATTESTATION = new Expectation(401,
			AttestationErrors.INVALID_CLIENT_ATTESTATION);

	/** How long a contraindicated device's earlier token may stay active: its kill switch's propagation. */
	static final long KILL_SWITCH_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

	private static final long PAUSE_MILLIS = 50;

	/** Added to the run's id prefix to name the model whose policy the attacks put. */
	static final String MODEL_NAME = "KF-SIM-1";

	private final AttackContext context;

	private final String model;

	AttestationAttack(AttackContext context) {
		this.context = context;
		this.model = context.deviceId(MODEL_NAME);
		context.admin().putAttestationPolicy(this.model, SimulatorPolicy.forModel(this.model));
	}

	/**
	 * @param name unique within the run
	 * @return a healthy device (firmware 2.5.0, debug disabled, secure boot, golden
	 * measurements) registered with attestation required
	 */
	AttestedDevice register(String name) {
		String id = this.context.deviceId(name);
		KeyPair clientKey = EcKeys.generate();
		KeyPair attestationKey = EcKeys.generate();
		EatDevice attestation = new EatDevice(id, EatDevice.EAT, AttestationKey.of(attestationKey),
				EatDeviceSpec.healthy(this.model).profile(Ueid.random()));
		ObjectNode registration = new DeviceTemplate(ClientAuthMethod.PRIVATE_KEY_JWT, this.model, AttackContext.SCOPES,
				DeviceTemplate.DEFAULT_RESOURCES).registration(id, clientKey);
		registration.set("attestation", EatRegistration.attestation(attestation, attestationKey));
		this.context.admin().registerDevice(registration);
		return new AttestedDevice(new AttackDevice(id, clientKey, DeviceTemplate.publicJwk(clientKey), null),
				attestation);
	}

	/**
	 * @return a fresh challenge
	 * @throws IllegalStateException when the server gave none
	 */
	String challenge() {
		Observed answer = this.context.challenge();
		if (answer.status() != 200 || !(answer.body().get("attestation_challenge") instanceof String challenge)) {
			throw new IllegalStateException("the challenge endpoint answered " + answer.describe());
		}
		return challenge;
	}

	/**
	 * @param device the device
	 * @param profile the state the evidence reports
	 * @return evidence of that state over a fresh challenge, signed with the device's key
	 */
	String evidence(AttestedDevice device, EatProfile profile) {
		return new EatEvidence(device.attestation().key(), profile).sign(challenge(), Instant.now());
	}

	/**
	 * @param device the device
	 * @param evidence its evidence, whatever it is
	 * @return the token endpoint's answer to a valid client assertion with that evidence
	 */
	Observed token(AttestedDevice device, String evidence) {
		return this.context.tokenWithAssertion(this.context.validAssertion(device.client()),
				Map.of("attestation_format", List.of(EatDevice.EAT), "attestation_evidence", List.of(evidence)));
	}

	/**
	 * The legitimate twin of an attack: healthy evidence over a fresh challenge.
	 * @param device the device
	 * @return its token, or {@code null} when it got none or its {@code att.status} is not affirming
	 */
	String affirmedToken(AttestedDevice device) {
		return affirmed(token(device, evidence(device, device.attestation().profile())));
	}

	/**
	 * @param answer a token response
	 * @return its access token when its {@code att.status} is {@code affirming}, else {@code null}
	 */
	static String affirmed(Observed answer) {
		String token = answer.accessToken();
		if (token == null) {
			return null;
		}
		try {
			Map<String, Object> att = SignedJWT.parse(token).getJWTClaimsSet().getJSONObjectClaim("att");
			return (att != null && "affirming".equals(att.get("status"))) ? token : null;
		}
		catch (ParseException ex) {
			return null;
		}
	}

	/**
	 * Judges an attack the server must find contraindicated: refused with
	 * {@code 401 invalid_client_attestation}, and the device's earlier token dead (CONTRACT
	 * "Appraisal policy": a contraindicated device's existing tokens die), by introspection.
	 * @param name the scenario
	 * @param expected what the contract says
	 * @param what the attempt
	 * @param answer the server's answer to it
	 * @param earlierToken the token the device had before
	 * @return the verdict
	 */
	ScenarioResult contraindicated(String name, String expected, String what, Observed answer, String earlierToken) {
		ScenarioResult refusal = INVALID_CLIENT_ATTESTATION.judge(name, what, answer);
		long start = System.nanoTime();
		Observed introspection = this.context.introspectAsAdmin(earlierToken);
		// the server drops its cached client record when the kill switch's change notice comes
		// back over Redis pub/sub, so it may take effect a few milliseconds late: allow that,
		// bounded, and say so
		while (isActive(introspection) && System.nanoTime() - start < KILL_SWITCH_GRACE_NANOS) {
			pause();
			introspection = this.context.introspectAsAdmin(earlierToken);
		}
		long waitedMillis = (System.nanoTime() - start) / 1_000_000;
		ScenarioResult killed;
		if (introspection.status() != 200 || !(introspection.body().get("active") instanceof Boolean active)) {
			killed = ScenarioResult.error(name, expected,
					"introspection of the earlier token answered " + introspection.describe());
		}
		else if (active) {
			killed = new ScenarioResult(name, Outcome.GOT_THROUGH, expected,
					"the earlier token is still active after " + waitedMillis + " ms");
		}
		else {
			killed = new ScenarioResult(name, Outcome.REFUSED, expected, "the earlier token is inactive"
					+ ((waitedMillis >= PAUSE_MILLIS) ? " (after " + waitedMillis + " ms: the kill switch came late)" : ""));
		}
		return ScenarioResult.combine(name, expected, List.of(refusal, killed));
	}

	private static boolean isActive(Observed introspection) {
		return introspection.status() == 200 && Boolean.TRUE.equals(introspection.body().get("active"));
	}

	private static void pause() {
		try {
			Thread.sleep(PAUSE_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/**
	 * @param name the scenario
	 * @param expected what the contract says
	 * @return the verdict when the healthy twin got no affirming token
	 */
	static ScenarioResult noAffirmedToken(String name, String expected) {
		return ScenarioResult.error(name, expected,
				"setup: healthy evidence got no token with att.status affirming (is attestation enabled?)");
	}

}
