package io.keyfleet.guard.state;

import java.net.http.HttpResponse;

import io.keyfleet.guard.GuardClient;
import io.keyfleet.guard.GuardServer;
import io.keyfleet.guard.TestDPoPProofs;
import io.keyfleet.guard.TestRedis;
import io.keyfleet.guard.TestState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.keyfleet.guard.GuardAssertions.assertOk;
import static io.keyfleet.guard.GuardAssertions.assertProblem;
import static io.keyfleet.guard.GuardAssertions.newId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis stops under two running guards (one per cache mode): both deny at once with
 * {@code 503} — even tokens they had just accepted, whose state they still hold — and
 * both let requests through again by themselves once Redis is back.
 */
class FailClosedIntegrationTests {

	private static TestRedis.Private redis;

	private static GuardServer tracking;

	private static GuardServer pubsub;

	private final GuardClient client = GuardClient.trusting(GuardServer.CA);

	@BeforeAll
	static void start() {
		redis = TestRedis.Private.start();
		tracking = GuardServer.start(CacheMode.TRACKING, redis.url());
		pubsub = GuardServer.start(CacheMode.PUBSUB, redis.url());
	}

	@BeforeEach
	void awaitConnected() {
		// a previous test may have just restarted Redis
		tracking.awaitStateStore();
		pubsub.awaitStateStore();
	}

	@AfterAll
	static void stop() {
		tracking.close();
		pubsub.close();
		redis.stop();
	}

	@Test
	void requestWhenRedisDownThenServiceUnavailableAndWhenBackThenOk() {
		TestState state = new TestState(redis.url(), TestRedis.prefix());
		String id = newId("dev");
		state.activeDevice(id);
		String token = GuardServer.token(GuardServer.claims(id).claim("scope", "fleet:read"));
		assertOk(summary(tracking, token));
		assertOk(summary(pubsub, token));

		redis.stop();

		for (GuardServer guard : new GuardServer[] { tracking, pubsub }) {
			HttpResponse<String> response = awaitStatus(guard, token, 503);
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
			assertProblem(response, "state-unavailable");
		}

		redis.startAgain();
		// the restarted Redis is empty (no persistence): the auth-server would have its data back
		state.activeDevice(id);

		assertOk(awaitStatus(tracking, token, 200));
		assertOk(awaitStatus(pubsub, token, 200));
	}

	@Test
	void dPoPRequestWhenRedisDownThenServiceUnavailable() {
		TestState state = new TestState(redis.url(), TestRedis.prefix());
		String id = newId("dev");
		state.activeDevice(id);
		var key = TestDPoPProofs.newKey();
		String token = GuardServer.token(GuardServer.claims(id)
			.claim("scope", "fleet:read")
			.claim("cnf", TestDPoPProofs.confirmation(key)));
		String url = tracking.url("/fleet/summary");
		assertOk(this.client.dpop("GET", url, token, TestDPoPProofs.proof(key, "GET", url, token).sign()));

		redis.stop();
		try {
			long deadline = System.nanoTime() + 5_000_000_000L;
			HttpResponse<String> response;
			do {
				response = this.client.dpop("GET", url, token, TestDPoPProofs.proof(key, "GET", url, token).sign());
			}
			while (response.statusCode() != 503 && System.nanoTime() < deadline);

			assertThat(response.statusCode()).isEqualTo(503);
			assertProblem(response, "state-unavailable");
		}
		finally {
			redis.startAgain();
		}
	}

	private HttpResponse<String> awaitStatus(GuardServer guard, String token, int status) {
		long deadline = System.nanoTime() + 10_000_000_000L;
		HttpResponse<String> response;
		do {
			response = summary(guard, token);
			if (response.statusCode() == status) {
				return response;
			}
			java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
		}
		while (System.nanoTime() < deadline);
		return response;
	}

	private HttpResponse<String> summary(GuardServer guard, String token) {
		return this.client.bearer("GET", guard.url("/fleet/summary"), token);
	}

}
