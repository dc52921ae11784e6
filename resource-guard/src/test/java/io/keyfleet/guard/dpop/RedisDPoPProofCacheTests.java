package io.keyfleet.guard.dpop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.keyfleet.guard.TestRedis;
import io.keyfleet.guard.state.GuardKeys;
import io.keyfleet.guard.state.GuardRedis;
import io.keyfleet.guard.state.GuardStateUnavailableException;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.DPoPProofReplayValidator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The shared used-proof store: first use wins on any node, the key expires with the
 * proof's window, and an unreachable Redis is a refusal, not a pass.
 */
class RedisDPoPProofCacheTests {

	private final GuardKeys keys = new GuardKeys(TestRedis.prefix());

	@Test
	void putIfAbsentWhenFirstUseThenNullAndWhenReplayedAtAnotherNodeThenWrapper() {
		try (GuardRedis node1 = redis(TestRedis.url()); GuardRedis node2 = redis(TestRedis.url())) {
			String jtiHash = UUID.randomUUID().toString();

			assertThat(cache(node1).putIfAbsent(jtiHash, value())).isNull();
			assertThat(cache(node2).putIfAbsent(jtiHash, value())).isNotNull();
			assertThat(cache(node1).putIfAbsent(jtiHash, value())).isNotNull();
		}
	}

	@Test
	void putIfAbsentWhenStoredThenExpiresWithTheProofWindow() {
		try (GuardRedis redis = redis(TestRedis.url()); TestRedis.Connection check = TestRedis.connect()) {
			String jtiHash = UUID.randomUUID().toString();

			cache(redis).putIfAbsent(jtiHash, value());

			long ttl = check.sync().pttl(this.keys.dpopProof(jtiHash));
			assertThat(ttl).isBetween(25_000L, 31_000L);
		}
	}

	@Test
	void putIfAbsentWhenRedisUnreachableThenFailsClosed() {
		try (GuardRedis redis = redis("redis://127.0.0.1:" + TestRedis.freePort())) {
			assertThatExceptionOfType(GuardStateUnavailableException.class)
				.isThrownBy(() -> cache(redis).putIfAbsent("jti", value()));
		}
	}

	private RedisDPoPProofCache cache(GuardRedis redis) {
		return new RedisDPoPProofCache(redis, this.keys, Clock.systemUTC());
	}

	private static DPoPProofReplayValidator.CacheValue value() {
		Instant now = Instant.now();
		return new DPoPProofReplayValidator.CacheValue(now, now.plusSeconds(30), "thumbprint");
	}

	private static GuardRedis redis(String url) {
		return new GuardRedis(url, Duration.ofMillis(500), Duration.ofMillis(500));
	}

}
