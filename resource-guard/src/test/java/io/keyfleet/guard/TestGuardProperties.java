package io.keyfleet.guard;

import java.time.Duration;

import io.keyfleet.guard.state.CacheMode;

/**
 * {@link KeyfleetGuardProperties} as binding would produce them, for tests that build
 * the guard's parts by hand.
 */
public final class TestGuardProperties {

	private TestGuardProperties() {
	}

	public static KeyfleetGuardProperties of(String issuer, String redisUrl) {
		return new KeyfleetGuardProperties(issuer, TestAccessTokens.AUDIENCE, null, Duration.ofSeconds(30), null,
				CacheMode.TRACKING, 100_000,
				new KeyfleetGuardProperties.Redis(redisUrl, TestRedis.prefix(), Duration.ofMillis(500),
						Duration.ofSeconds(1), Duration.ofSeconds(1)),
				new KeyfleetGuardProperties.Dpop(false, Duration.ofSeconds(30), Duration.ofMinutes(5)),
				new KeyfleetGuardProperties.Events(true, 1_000_000));
	}

}
