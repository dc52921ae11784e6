package io.keyfleet.auth.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.ScriptOutputType;

import io.keyfleet.auth.store.RedisScript;
import io.keyfleet.auth.store.StateStore;

/**
 * Token-bucket style limits (GCRA) kept in Redis and decided atomically by a Lua script on
 * Redis' own clock. Several buckets are checked in one pipelined round trip.
 */
public final class RateLimiter {

	private static final RedisScript GCRA = RedisScript.fromClasspath("rate-limit", ScriptOutputType.INTEGER);

	private final StateStore store;

	public RateLimiter(StateStore store) {
		this.store = store;
	}

	/**
	 * Charges one request to each bucket.
	 * @return 0 when every bucket allowed it, else the longest wait in milliseconds
	 */
	public long acquire(List<Bucket> buckets) {
		List<CompletionStage<Long>> pending = new ArrayList<>(buckets.size());
		for (Bucket bucket : buckets) {
			long intervalMicros = Math.max(1, Math.round(1_000_000d / bucket.rate()));
			pending.add(GCRA.run(this.store.async(), new String[] { this.store.key("rl", bucket.name()) },
					Long.toString(intervalMicros), Integer.toString(bucket.burst())));
		}
		long wait = 0;
		for (CompletionStage<Long> answer : pending) {
			wait = Math.max(wait, this.store.await(answer));
		}
		return wait;
	}

	/** One limit: a bucket name (what is being limited) with its rate and burst. */
	public record Bucket(String name, double rate, int burst) {
	}

}
