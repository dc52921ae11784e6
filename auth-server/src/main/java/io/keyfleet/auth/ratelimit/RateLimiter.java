package io.keyfleet.auth.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.ScriptOutputType;

import io.keyfleet.auth.store.RedisScript;
import io.keyfleet.auth.store.StateStore;

/**
 * Token-bucket style limits (GCRA) kept in Redis and decided atomically by a Lua script on
 * Redis' own clock. Several buckets are checked in one round trip.
 */
public final class RateLimiter {

	private static final RedisScript GCRA = RedisScript.fromClasspath("rate-limit", ScriptOutputType.INTEGER);

	private final StateStore store;

	public RateLimiter(StateStore store) {
		this.store = store;
	}

	/**
	 * Charges one request to each bucket, all or nothing: one script call on a standalone
	 * Redis; on a cluster, where the buckets live on different shards, one call per bucket,
	 * pipelined, each bucket deciding alone.
	 * @return 0 when every bucket allowed it, else the longest wait in milliseconds
	 */
	public long acquire(List<Bucket> buckets) {
		List<CompletionStage<Long>> pending = new ArrayList<>(buckets.size());
		if (this.store.isCluster()) {
			for (Bucket bucket : buckets) {
				pending.add(run(List.of(bucket)));
			}
		}
		else {
			pending.add(run(buckets));
		}
		long wait = 0;
		for (CompletionStage<Long> answer : pending) {
			wait = Math.max(wait, this.store.await(answer));
		}
		return wait;
	}

	private CompletionStage<Long> run(List<Bucket> buckets) {
		String[] keys = new String[buckets.size()];
		String[] args = new String[2 * buckets.size()];
		for (int i = 0; i < buckets.size(); i++) {
			Bucket bucket = buckets.get(i);
			keys[i] = this.store.key("rl", bucket.name());
			args[2 * i] = Long.toString(Math.max(1, Math.round(1_000_000d / bucket.rate())));
			args[2 * i + 1] = Integer.toString(bucket.burst());
		}
		return GCRA.run(this.store.async(), keys, args);
	}

	/** One limit: a bucket name (what is being limited) with its rate and burst. */
	public record Bucket(String name, double rate, int burst) {
	}

}
