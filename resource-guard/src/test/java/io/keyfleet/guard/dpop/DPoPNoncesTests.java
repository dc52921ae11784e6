package io.keyfleet.guard.dpop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.keyfleet.guard.TestRedis;
import io.keyfleet.guard.state.GuardKeys;
import io.keyfleet.guard.state.GuardRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server nonces that any guard on the same Redis accepts: valid in their window and the
 * next, not after, not when tampered with.
 */
class DPoPNoncesTests {

	private final GuardRedis redis = new GuardRedis(TestRedis.url(), Duration.ofSeconds(1), Duration.ofSeconds(1));

	private final GuardKeys keys = new GuardKeys(TestRedis.prefix() + "nonces-" + System.nanoTime() + ":");

	private final Instant now = Instant.parse("2026-11-25T12:00:10Z");

	@AfterEach
	void close() {
		this.redis.close();
	}

	@Test
	void isValidWhenIssuedByAnotherGuardInTheSameWindowThenTrue() {
		String nonce = nonces(this.now).current();

		assertThat(nonces(this.now.plusSeconds(5)).isValid(nonce)).isTrue();
	}

	@Test
	void isValidWhenFromThePreviousWindowThenTrue() {
		String nonce = nonces(this.now).current();

		assertThat(nonces(this.now.plusSeconds(60)).isValid(nonce)).isTrue();
	}

	@Test
	void isValidWhenTwoWindowsOldThenFalse() {
		String nonce = nonces(this.now).current();

		assertThat(nonces(this.now.plusSeconds(120)).isValid(nonce)).isFalse();
	}

	@Test
	void isValidWhenTamperedOrGarbageThenFalse() {
		String nonce = nonces(this.now).current();
		char last = nonce.charAt(nonce.length() - 1);
		String tampered = nonce.substring(0, nonce.length() - 1) + ((last == 'A') ? 'B' : 'A');

		assertThat(nonces(this.now).isValid(tampered)).isFalse();
		assertThat(nonces(this.now).isValid("not base64 !")).isFalse();
		assertThat(nonces(this.now).isValid(null)).isFalse();
	}

	@Test
	void isValidWhenIssuedUnderAnotherDeploymentsKeyThenFalse() {
		String foreign = new DPoPNonces(this.redis, new GuardKeys(TestRedis.prefix() + "other-" + System.nanoTime() + ":"),
				Duration.ofMinutes(1), Clock.fixed(this.now, ZoneOffset.UTC)).current();

		assertThat(nonces(this.now).isValid(foreign)).isFalse();
	}

	@Test
	void isValidWhenRedisLostTheKeyAndAnotherGuardMadeANewOneThenAcceptedFromTheNextWindow() {
		MovableClock clock = new MovableClock(this.now);
		DPoPNonces longRunning = new DPoPNonces(this.redis, this.keys, Duration.ofMinutes(1), clock);
		String before = longRunning.current();
		this.redis.await(this.redis.commands().del(this.keys.dpopNonceKey()));
		String fromNewGuard = nonces(this.now.plusSeconds(60)).current();

		clock.set(this.now.plusSeconds(60));

		assertThat(longRunning.isValid(fromNewGuard)).isTrue();
		assertThat(longRunning.isValid(before)).isFalse();
	}

	private DPoPNonces nonces(Instant at) {
		return new DPoPNonces(this.redis, this.keys, Duration.ofMinutes(1), Clock.fixed(at, ZoneOffset.UTC));
	}

	private static final class MovableClock extends Clock {

		private volatile Instant instant;

		MovableClock(Instant instant) {
			this.instant = instant;
		}

		void set(Instant instant) {
			this.instant = instant;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.instant;
		}

	}

}
