package io.keyfleet.guard.state;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.nimbusds.jwt.JWTClaimsSet;
import io.keyfleet.guard.GuardClient;
import io.keyfleet.guard.GuardServer;
import io.keyfleet.guard.TestState;
import org.junit.jupiter.api.Test;

import static io.keyfleet.guard.GuardAssertions.assertInvalidToken;
import static io.keyfleet.guard.GuardAssertions.assertOk;
import static io.keyfleet.guard.GuardAssertions.newId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two guard instances on one Redis — one in tracking mode, one in pub/sub mode — each
 * answering from its local copy: a change written once (as the auth-server writes it)
 * reaches both, and neither needs a Redis round trip per request in between.
 */
class InvalidationIntegrationTests {

	private final GuardServer tracking = GuardServer.shared();

	private final GuardServer pubsub = GuardServer.sharedPeer();

	private final TestState state = TestState.shared();

	private final GuardClient client = GuardClient.trusting(GuardServer.CA);

	@Test
	void requestWhenRepeatedThenStateIsReadFromRedisOnlyOnce() {
		String id = device();
		String token = GuardServer.token(claims(id));
		assertOk(summary(this.tracking, token));
		assertOk(summary(this.pubsub, token));
		long trackingLoads = loads(this.tracking);
		long pubsubLoads = loads(this.pubsub);

		for (int i = 0; i < 20; i++) {
			assertOk(summary(this.tracking, token));
			assertOk(summary(this.pubsub, token));
		}

		assertThat(loads(this.tracking)).isEqualTo(trackingLoads);
		assertThat(loads(this.pubsub)).isEqualTo(pubsubLoads);
	}

	@Test
	void revokeWhenWrittenOnceThenBothInstancesDenyWithinMilliseconds() {
		String id = device();
		JWTClaimsSet.Builder claims = claims(id);
		String token = GuardServer.token(claims);
		assertOk(summary(this.tracking, token));
		assertOk(summary(this.pubsub, token));

		long start = System.nanoTime();
		this.state.revokeToken(claims.build().getJWTID());
		List<Long> micros = firstDenials(token, start);

		assertInvalidToken(summary(this.tracking, token));
		assertInvalidToken(summary(this.pubsub, token));
		// generous bounds for a shared 2-core machine; docs/benchmarks.md has the distribution
		assertThat(micros).allSatisfy((elapsed) -> assertThat(elapsed).isLessThan(500_000));
	}

	@Test
	void killSwitchWhenWrittenOnceThenBothInstancesDenyAndNewTokensPass() {
		String id = device();
		String token = GuardServer.token(claims(id));
		assertOk(summary(this.tracking, token));
		assertOk(summary(this.pubsub, token));

		long start = System.nanoTime();
		long killedAt = System.currentTimeMillis();
		this.state.standing(id, "active", "device", killedAt, 0);
		firstDenials(token, start);

		assertInvalidToken(summary(this.tracking, token));
		assertInvalidToken(summary(this.pubsub, token));
		String fresh = GuardServer.token(io.keyfleet.guard.TestAccessTokens
			.claims(GuardServer.JWKS.issuer(), id, killedAt + 1)
			.claim("scope", "fleet:read"));
		assertOk(summary(this.tracking, fresh));
		assertOk(summary(this.pubsub, fresh));
	}

	/** Polls both instances concurrently; returns the microseconds to each one's first 401. */
	private List<Long> firstDenials(String token, long start) {
		List<CompletableFuture<Long>> polls = new ArrayList<>();
		for (GuardServer server : List.of(this.tracking, this.pubsub)) {
			polls.add(CompletableFuture.supplyAsync(() -> {
				long deadline = start + 2_000_000_000L;
				while (System.nanoTime() < deadline) {
					if (summary(server, token).statusCode() == 401) {
						return (System.nanoTime() - start) / 1000;
					}
				}
				return Long.MAX_VALUE;
			}));
		}
		return polls.stream().map(CompletableFuture::join).toList();
	}

	private String device() {
		String id = newId("dev");
		this.state.activeDevice(id);
		return id;
	}

	private static JWTClaimsSet.Builder claims(String id) {
		return GuardServer.claims(id).claim("scope", "fleet:read");
	}

	private java.net.http.HttpResponse<String> summary(GuardServer server, String token) {
		return this.client.bearer("GET", server.url("/fleet/summary"), token);
	}

	private static long loads(GuardServer server) {
		return server.context().getBean(GuardStateCache.class).loads();
	}

}
