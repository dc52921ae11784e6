package io.keyfleet.guard.state;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The bounded local copy of shared-state keys, shared by both {@link CacheMode}s. Absent
 * keys are cached too (most tokens are not revoked: the answer "no such key" is the hot
 * one).
 *
 * <p>
 * A load that races an invalidation is never kept: every key hashes to one of a fixed
 * set of stripes, each with an epoch counter. {@link #stamp} is read before the value is
 * fetched from Redis; {@link #invalidate} increments the epoch <em>then</em> drops the
 * entry; {@link #store} puts the value <em>then</em> re-reads the epoch and drops the
 * entry again if it moved. Whatever the interleaving, a value read before an
 * invalidation was processed does not survive it.
 */
final class LocalStateCache {

	/** Marks a key known to be absent (Caffeine holds no {@code null}s). */
	private static final String ABSENT = new String("\0absent");

	private static final int STRIPES = 64;

	private final Cache<String, String> entries;

	private final AtomicLongArray epochs = new AtomicLongArray(STRIPES);

	/**
	 * @param maxEntries upper bound on cached keys
	 * @param maxAge safety net: an entry is re-read after this long even without an
	 * invalidation
	 */
	LocalStateCache(int maxEntries, Duration maxAge) {
		Assert.isTrue(maxEntries > 0, "maxEntries must be positive");
		this.entries = Caffeine.newBuilder()
			.maximumSize(maxEntries)
			.expireAfterWrite(maxAge)
			.executor(Runnable::run)
			.build();
	}

	/** Result of a lookup: {@link #MISS}, or a hit holding the value (maybe absent). */
	record Lookup(boolean hit, @Nullable String value) {

		static final Lookup MISS = new Lookup(false, null);

	}

	Lookup lookup(String key) {
		String value = this.entries.getIfPresent(key);
		if (value == null) {
			return Lookup.MISS;
		}
		return new Lookup(true, (value == ABSENT) ? null : value);
	}

	/** The epoch to pass to {@link #store}; read it before fetching the value. */
	long stamp(String key) {
		return this.epochs.get(stripe(key));
	}

	/** Keeps a fetched value unless an invalidation of its stripe happened since {@code stamp}. */
	void store(String key, @Nullable String value, long stamp) {
		int stripe = stripe(key);
		if (this.epochs.get(stripe) != stamp) {
			return;
		}
		this.entries.put(key, (value != null) ? value : ABSENT);
		if (this.epochs.get(stripe) != stamp) {
			this.entries.invalidate(key);
		}
	}

	void invalidate(String key) {
		this.epochs.incrementAndGet(stripe(key));
		this.entries.invalidate(key);
	}

	void invalidateAll() {
		for (int i = 0; i < STRIPES; i++) {
			this.epochs.incrementAndGet(i);
		}
		this.entries.invalidateAll();
	}

	long size() {
		this.entries.cleanUp();
		return this.entries.estimatedSize();
	}

	private static int stripe(String key) {
		int h = key.hashCode();
		return (h ^ (h >>> 16)) & (STRIPES - 1);
	}

}
