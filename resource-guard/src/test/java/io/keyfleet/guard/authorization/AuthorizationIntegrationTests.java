package io.keyfleet.guard.authorization;

import java.net.http.HttpResponse;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import io.keyfleet.guard.GuardClient;
import io.keyfleet.guard.GuardServer;
import io.keyfleet.guard.TestAccessTokens;
import io.keyfleet.guard.TestState;
import org.junit.jupiter.api.Test;

import static io.keyfleet.guard.GuardAssertions.assertForbidden;
import static io.keyfleet.guard.GuardAssertions.assertInvalidToken;
import static io.keyfleet.guard.GuardAssertions.assertOk;
import static io.keyfleet.guard.GuardAssertions.assertProblem;
import static io.keyfleet.guard.GuardAssertions.newId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The declared endpoint requirements of {@code GuardTestApplication} (the contract's
 * table): one test per denial reason, each next to the allowed case, asserting the exact
 * problem type.
 */
class AuthorizationIntegrationTests {

	private final GuardServer guard = GuardServer.shared();

	private final TestState state = TestState.shared();

	private final GuardClient client = GuardClient.trusting(GuardServer.CA);

	@Test
	void requestWhenScopeMissingThenForbiddenScopeMissingWithTheScope() {
		String id = device();

		HttpResponse<String> response = get("/fleet/summary", token(claims(id, "config:read")));

		assertForbidden(response, "scope-missing");
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).contains("scope=\"fleet:read\""));
	}

	@Test
	void requestWhenScopePresentThenOk() {
		assertOk(get("/fleet/summary", token(claims(device(), "fleet:read config:read"))));
	}

	@Test
	void deviceConfigWhenAnotherDevicesIdThenForbiddenNotOwner() {
		String id = device();

		assertForbidden(get("/devices/" + newId("dev") + "/config", token(claims(id, "config:read"))), "not-owner");
	}

	@Test
	void deviceConfigWhenOwnIdThenOk() {
		String id = device();

		HttpResponse<String> response = get("/devices/" + id + "/config", token(claims(id, "config:read")));

		assertOk(response);
		assertThat(response.body()).contains(id);
	}

	@Test
	void commandsWhenDeviceThenForbiddenServiceClientsOnly() {
		String id = device();

		assertForbidden(post("/devices/dev-1/commands", token(claims(id, "commands:write"))), "service-clients-only");
	}

	@Test
	void commandsWhenServiceClientThenAccepted() {
		String id = newId("svc");
		this.state.activeService(id);

		assertThat(post("/devices/dev-1/commands", token(claims(id, "commands:write"))).statusCode()).isEqualTo(202);
	}

	@Test
	void telemetryWhenNoAttestationThenForbiddenAttestationRequired() {
		assertForbidden(post("/telemetry", token(claims(device(), "telemetry:write"))), "attestation-required");
	}

	@Test
	void telemetryWhenAttestationWarningThenForbiddenAttestationInsufficient() {
		String token = token(claims(device(), "telemetry:write").claim("att", TestAccessTokens.attestation("warning")));

		assertForbidden(post("/telemetry", token), "attestation-insufficient");
	}

	@Test
	void telemetryWhenAttestationAffirmingThenAccepted() {
		String token = token(claims(device(), "telemetry:write").claim("att", TestAccessTokens.attestation("affirming")));

		assertThat(post("/telemetry", token).statusCode()).isEqualTo(202);
	}

	@Test
	void telemetryWhenAttestationExpiredThenForbiddenAttestationRequired() {
		long past = System.currentTimeMillis() / 1000 - 10;
		String token = token(claims(device(), "telemetry:write")
			.claim("att", Map.of("status", "affirming", "fmt", "eat", "iat", past - 60, "exp", past)));

		assertForbidden(post("/telemetry", token), "attestation-required");
	}

	@Test
	void firmwareWhenAttestationWarningThenOk() {
		String token = token(claims(device(), "firmware:read").claim("att", TestAccessTokens.attestation("warning")));

		assertOk(get("/firmware/KF-EDGE-100/latest", token));
	}

	@Test
	void firmwareWhenNoAttestationThenForbiddenAttestationRequired() {
		assertForbidden(get("/firmware/KF-EDGE-100/latest", token(claims(device(), "firmware:read"))),
				"attestation-required");
	}

	@Test
	void telemetryWhenDeviceSteppedUpAfterIssuanceThenUnauthorizedInvalidTokenAndNewTokenAccepted() {
		String id = device();
		String before = token(claims(id, "telemetry:write fleet:read").claim("att", TestAccessTokens.attestation("affirming")));
		assertThat(post("/telemetry", before).statusCode()).isEqualTo(202);
		long steppedUpAt = System.currentTimeMillis();

		this.state.standing(id, "active", "device", 0, steppedUpAt);

		awaitStatus(() -> post("/telemetry", before).statusCode(), 401);
		HttpResponse<String> response = post("/telemetry", before);
		assertInvalidToken(response);
		assertProblem(response, "attestation-reset");
		// a step-up voids the attestation, not the token: endpoints without attestation still take it
		assertOk(get("/fleet/summary", before));
		String after = token(TestAccessTokens.claims(GuardServer.JWKS.issuer(), id, steppedUpAt + 1)
			.claim("scope", "telemetry:write")
			.claim("att", TestAccessTokens.attestation("affirming")));
		assertThat(post("/telemetry", after).statusCode()).isEqualTo(202);
	}

	@Test
	void requestWhenNoRuleMatchesThenForbiddenNotAllowed() {
		assertForbidden(get("/fleet/secrets", token(claims(device(), "fleet:read"))), "not-allowed");
	}

	private String device() {
		String id = newId("dev");
		this.state.activeDevice(id);
		return id;
	}

	private static JWTClaimsSet.Builder claims(String id, String scope) {
		return GuardServer.claims(id).claim("scope", scope);
	}

	private static String token(JWTClaimsSet.Builder claims) {
		return GuardServer.token(claims);
	}

	private HttpResponse<String> get(String path, String token) {
		return this.client.bearer("GET", this.guard.url(path), token);
	}

	private HttpResponse<String> post(String path, String token) {
		return this.client.bearer("POST", this.guard.url(path), token);
	}

	private static void awaitStatus(java.util.function.IntSupplier status, int expected) {
		long deadline = System.nanoTime() + 1_000_000_000L;
		while (status.getAsInt() != expected && System.nanoTime() < deadline) {
			java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
		}
	}

}
