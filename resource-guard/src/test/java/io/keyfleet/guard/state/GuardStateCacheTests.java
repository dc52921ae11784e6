package io.keyfleet.guard.state;

import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import io.keyfleet.guard.TestRedis;
import io.keyfleet.guard.TestState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Both cache modes against a real Redis: answers from the local copy in the steady state,
 * sees a change within milliseconds, and fails closed while Redis is gone.
 */
class GuardStateCacheTests {

	private final TestState state = TestState.shared();

	@ParameterizedTest
	@EnumSource(CacheMode.class)
	void getWhenKeyReadTwiceThenRedisIsReadOnce(CacheMode mode) {
		String key = key();
		this.state.set(key, "v1", null);
		try (GuardRedis redis = redis(TestRedis.url()); SupervisedGuardStateCache cache = start(mode, redis)) {
			assertThat(cache.get(key)).isEqualTo("v1");
			assertThat(cache.get(key)).isEqualTo("v1");

			assertThat(cache.loads()).isEqualTo(1);
		}
	}

	@ParameterizedTest
	@EnumSource(CacheMode.class)
	void getWhenKeyAbsentThenAbsenceIsCachedAndItsCreationSeen(CacheMode mode) {
		String key = key();
		try (GuardRedis redis = redis(TestRedis.url()); SupervisedGuardStateCache cache = start(mode, redis)) {
			assertThat(cache.get(key)).isNull();
			assertThat(cache.get(key)).isNull();
			assertThat(cache.loads()).isEqualTo(1);

			this.state.set(key, "revoked", null);

			assertThat(within(Duration.ofMillis(500), () -> "revoked".equals(cache.get(key)))).isTrue();
		}
	}

	@ParameterizedTest
	@EnumSource(CacheMode.class)
	void getWhenKeyChangedAndAnnouncedThenNewValueSeenWithinMilliseconds(CacheMode mode) {
		String key = key();
		this.state.set(key, "active", null);
		try (GuardRedis redis = redis(TestRedis.url()); SupervisedGuardStateCache cache = start(mode, redis)) {
			assertThat(cache.get(key)).isEqualTo("active");

			this.state.set(key, "suspended", null);

			assertThat(within(Duration.ofMillis(500), () -> "suspended".equals(cache.get(key)))).isTrue();
			assertThat(cache.loads()).isEqualTo(2);
		}
	}

	@Test
	void getWhenTrackingAndKeyChangedWithoutAnnouncementThenRedisStillInvalidates() {
		// tracking does not rely on the writer publishing: Redis tracks what was read
		String key = key();
		this.state.setSilently(key, "active");
		try (GuardRedis redis = redis(TestRedis.url());
				SupervisedGuardStateCache cache = start(CacheMode.TRACKING, redis)) {
			assertThat(cache.get(key)).isEqualTo("active");

			this.state.setSilently(key, "suspended");

			assertThat(within(Duration.ofMillis(500), () -> "suspended".equals(cache.get(key)))).isTrue();
		}
	}

	@ParameterizedTest
	@EnumSource(CacheMode.class)
	void getWhenRedisStopsThenFailsClosedAndWhenBackAnswersFromAFreshCopy(CacheMode mode) {
		TestRedis.Private own = TestRedis.Private.start();
		TestState ownState = new TestState(own.url(), TestRedis.prefix());
		String key = key();
		try (GuardRedis redis = redis(own.url()); SupervisedGuardStateCache cache = start(mode, redis)) {
			ownState.set(key, "active", null);
			assertThat(cache.get(key)).isEqualTo("active");

			own.stop();

			assertThat(within(Duration.ofSeconds(3), () -> !cache.isAvailable())).isTrue();
			assertThatExceptionOfType(GuardStateUnavailableException.class).isThrownBy(() -> cache.get(key));

			own.startAgain();

			assertThat(within(Duration.ofSeconds(10), cache::isAvailable)).isTrue();
			// the restarted Redis is empty: the copy from before must not answer
			assertThat(cache.get(key)).isNull();
		}
		finally {
			own.stop();
		}
	}

	@ParameterizedTest
	@EnumSource(CacheMode.class)
	void getWhenRedisNeverAnsweredThenFailsClosed(CacheMode mode) {
		String nobody = "redis://127.0.0.1:" + TestRedis.freePort();
		try (GuardRedis redis = redis(nobody); SupervisedGuardStateCache cache = start(mode, redis, false)) {
			assertThat(cache.isAvailable()).isFalse();
			assertThatExceptionOfType(GuardStateUnavailableException.class).isThrownBy(() -> cache.get(key()));
		}
	}

	static String key() {
		return TestRedis.prefix() + "test:" + UUID.randomUUID();
	}

	static GuardRedis redis(String url) {
		return new GuardRedis(url, Duration.ofMillis(500), Duration.ofMillis(500));
	}

	static SupervisedGuardStateCache start(CacheMode mode, GuardRedis redis) {
		return start(mode, redis, true);
	}

	static SupervisedGuardStateCache start(CacheMode mode, GuardRedis redis, boolean awaitAvailable) {
		SupervisedGuardStateCache cache = (mode == CacheMode.TRACKING)
				? new TrackingGuardStateCache(redis, 1000, Duration.ofMillis(200))
				: new PubSubGuardStateCache(redis, new GuardKeys(TestRedis.prefix()).invalidationChannel(), 1000,
						Duration.ofMillis(200));
		cache.start();
		if (awaitAvailable) {
			assertThat(within(Duration.ofSeconds(5), cache::isAvailable)).as("%s cache connected", mode).isTrue();
		}
		return cache;
	}

	static boolean within(Duration limit, BooleanSupplier condition) {
		long deadline = System.nanoTime() + limit.toNanos();
		do {
			try {
				if (condition.getAsBoolean()) {
					return true;
				}
			}
			catch (GuardStateUnavailableException ex) {
				// not yet
			}
			java.util.concurrent.locks.LockSupport.parkNanos(100_000);
		}
		while (System.nanoTime() < deadline);
		return false;
	}

}
