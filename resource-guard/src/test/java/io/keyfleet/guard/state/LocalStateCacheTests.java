package io.keyfleet.guard.state;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local copy's race rule: a value read from Redis before an invalidation was
 * processed never survives it, in either interleaving.
 */
class LocalStateCacheTests {

	private final LocalStateCache cache = new LocalStateCache(1000, Duration.ofHours(1));

	@Test
	void storeWhenNoInvalidationSinceStampThenValueIsKept() {
		long stamp = this.cache.stamp("k");

		this.cache.store("k", "v1", stamp);

		assertThat(this.cache.lookup("k")).isEqualTo(new LocalStateCache.Lookup(true, "v1"));
	}

	@Test
	void storeWhenAbsentThenAbsenceIsKept() {
		this.cache.store("k", null, this.cache.stamp("k"));

		assertThat(this.cache.lookup("k")).isEqualTo(new LocalStateCache.Lookup(true, null));
	}

	@Test
	void storeWhenInvalidatedBetweenStampAndStoreThenValueIsDropped() {
		long stamp = this.cache.stamp("k");
		this.cache.invalidate("k");

		this.cache.store("k", "stale", stamp);

		assertThat(this.cache.lookup("k").hit()).isFalse();
	}

	@Test
	void storeWhenEverythingInvalidatedBetweenStampAndStoreThenValueIsDropped() {
		long stamp = this.cache.stamp("k");
		this.cache.invalidateAll();

		this.cache.store("k", "stale", stamp);

		assertThat(this.cache.lookup("k").hit()).isFalse();
	}

	@Test
	void invalidateWhenStoredBeforeThenValueIsDropped() {
		this.cache.store("k", "v1", this.cache.stamp("k"));

		this.cache.invalidate("k");

		assertThat(this.cache.lookup("k").hit()).isFalse();
	}

	@Test
	void storeWhenMoreKeysThanTheBoundThenSizeStaysBounded() {
		LocalStateCache small = new LocalStateCache(10, Duration.ofHours(1));
		for (int i = 0; i < 1000; i++) {
			String key = "k" + i;
			small.store(key, "v", small.stamp(key));
		}

		assertThat(small.size()).isLessThanOrEqualTo(10);
	}

}
