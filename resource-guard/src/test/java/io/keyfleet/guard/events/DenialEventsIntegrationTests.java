package io.keyfleet.guard.events;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.nimbusds.jwt.JWTClaimsSet;
import io.keyfleet.guard.GuardClient;
import io.keyfleet.guard.GuardServer;
import io.keyfleet.guard.TestAccessTokens;
import io.keyfleet.guard.TestRedis;
import io.keyfleet.guard.TestState;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import org.junit.jupiter.api.Test;

import static io.keyfleet.guard.GuardAssertions.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every denial of the guard is a {@code resource.denied} entry of the events stream
 * (docs/contract-as-built.md "Events stream"), read back with {@code XRANGE}: one test per
 * reason an anomaly detector must tell apart.
 */
class DenialEventsIntegrationTests {

	private final GuardServer guard = GuardServer.shared();

	private final TestState state = TestState.shared();

	private final GuardClient client = GuardClient.trusting(GuardServer.CA);

	@Test
	void requestWhenTokenRevokedThenRevokedEventWithJtiClientAndResource() {
		String id = device();
		JWTClaimsSet.Builder claims = claims(id);
		String token = GuardServer.token(claims);
		String jti = claims.build().getJWTID();

		this.state.revokeToken(jti);

		awaitStatus(token, 401);
		Map<String, String> event = await((e) -> "revoked".equals(e.get("reason")) && jti.equals(e.get("jti")));
		assertThat(event).containsEntry("type", "resource.denied")
			.containsEntry("client", id)
			.containsEntry("resource", TestAccessTokens.AUDIENCE)
			.containsEntry("address", "127.0.0.1")
			.containsKeys("ts", "node");
		assertThat(event.values()).doesNotContain(token);
	}

	@Test
	void requestWhenIssuedBeforeKillSwitchThenKilledEventNotRevoked() {
		String id = device();
		JWTClaimsSet.Builder claims = claims(id);
		String token = GuardServer.token(claims);

		this.state.standing(id, "active", "device", System.currentTimeMillis(), 0);

		awaitStatus(token, 401);
		Map<String, String> event = await((e) -> id.equals(e.get("client")));
		assertThat(event).containsEntry("reason", "killed").containsEntry("jti", claims.build().getJWTID());
	}

	@Test
	void requestWhenDeviceSuspendedThenStatusEvent() {
		String id = device();
		String token = GuardServer.token(claims(id));

		this.state.standing(id, "suspended", "device", 0, 0);

		awaitStatus(token, 401);
		assertThat(await((e) -> id.equals(e.get("client")))).containsEntry("reason", "status");
	}

	@Test
	void requestWhenScopeMissingThenInsufficientScopeEvent() {
		String id = device();
		String token = GuardServer.token(GuardServer.claims(id).claim("scope", "telemetry:write"));

		awaitStatus(token, 403);
		assertThat(await((e) -> id.equals(e.get("client")))).containsEntry("reason", "insufficient_scope");
	}

	@Test
	void requestWhenExpiredThenExpiredEvent() {
		String id = device();
		long now = System.currentTimeMillis();
		String token = GuardServer.token(claims(id).issueTime(new java.util.Date(now - 600_000))
			.expirationTime(new java.util.Date(now - 120_000)));

		awaitStatus(token, 401);
		assertThat(await((e) -> id.equals(e.get("client")))).containsEntry("reason", "expired").containsKey("jti");
	}

	@Test
	void requestWhenCertificateBoundTokenWithoutCertificateThenBindingEvent() {
		String id = device();
		String token = GuardServer.token(claims(id).claim("cnf", Map.of("x5t#S256", "bm90LXRoaXMtY2VydGlmaWNhdGU")));

		awaitStatus(token, 401);
		assertThat(await((e) -> id.equals(e.get("client")))).containsEntry("reason", "binding");
	}

	@Test
	void requestWhenSignatureInvalidThenInvalidEventNamesNoClient() {
		String id = device();
		String forged = TestAccessTokens.sign(TestAccessTokens.signingKey("k1"),
				TestAccessTokens.header(GuardServer.SIGNING_KEY), claims(id));
		long before = invalidCount();

		int status = this.client.bearer("GET", this.guard.url("/fleet/summary"), forged).statusCode();

		assertThat(status).isEqualTo(401);
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (invalidCount() == before && System.nanoTime() < deadline) {
			java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
		}
		assertThat(invalidCount()).isGreaterThan(before);
		// unverified claims are anyone's: neither the device nor the jti is named
		assertThat(all()).noneMatch((e) -> id.equals(e.get("client")));
	}

	private static long invalidCount() {
		return all().stream().filter((e) -> "invalid".equals(e.get("reason"))).count();
	}

	private String device() {
		String id = newId("denied");
		this.state.activeDevice(id);
		return id;
	}

	private static JWTClaimsSet.Builder claims(String id) {
		return GuardServer.claims(id).claim("scope", "fleet:read");
	}

	/** State changes reach the guard asynchronously (about a millisecond). */
	private void awaitStatus(String token, int expected) {
		long deadline = System.nanoTime() + 2_000_000_000L;
		int status;
		do {
			status = this.client.bearer("GET", this.guard.url("/fleet/summary"), token).statusCode();
		}
		while (status != expected && System.nanoTime() < deadline);
		assertThat(status).isEqualTo(expected);
	}

	private static List<Map<String, String>> all() {
		try (TestRedis.Connection redis = TestRedis.connect()) {
			List<StreamMessage<String, String>> messages = redis.sync()
				.xrange(TestRedis.prefix() + "events", Range.create("-", "+"));
			return messages.stream().map(StreamMessage::getBody).toList();
		}
	}

	/** Events are appended in the background: wait up to 10 s for the expected one. */
	private static Map<String, String> await(Predicate<Map<String, String>> match) {
		long deadline = System.nanoTime() + 10_000_000_000L;
		do {
			for (Map<String, String> entry : all()) {
				if ("resource.denied".equals(entry.get("type")) && match.test(entry)) {
					return entry;
				}
			}
			java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
		}
		while (System.nanoTime() < deadline);
		return fail("no matching resource.denied entry in " + all().stream().skip(Math.max(0, all().size() - 3)).toList());
	}

}
