package io.keyfleet.guard.dpop;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.keyfleet.guard.state.GuardKeys;
import io.keyfleet.guard.state.GuardRedis;

import io.lettuce.core.SetArgs;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;
import org.springframework.cache.support.SimpleValueWrapper;
import org.springframework.security.oauth2.jwt.DPoPProofReplayValidator;
import org.springframework.util.Assert;

/**
 * The used-proof store behind Spring Security's {@link DPoPProofReplayValidator}, shared
 * by every guard node: {@link #putIfAbsent} is one {@code SET <p>guard:dpop-jti:<hash> NX PX}
 * (the Redis single-use pattern), so a proof replayed at another node is refused as
 * surely as one replayed here. Spring's default store is in memory and per node. The key
 * lives as long as the proof's {@code iat} window, plus a second of margin; the value is
 * the proof key's thumbprint, for the curious.
 *
 * <p>
 * Fails closed: when Redis cannot answer, {@code putIfAbsent} throws
 * {@link io.keyfleet.guard.state.GuardStateUnavailableException} and the request is
 * refused with {@code 503}.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc9449#section-11.1">RFC 9449
 * Section 11.1 DPoP Proof Replay</a>
 */
public final class RedisDPoPProofCache implements Cache {

	private static final Duration MARGIN = Duration.ofSeconds(1);

	private final GuardRedis redis;

	private final GuardKeys keys;

	private final Clock clock;

	public RedisDPoPProofCache(GuardRedis redis, GuardKeys keys, Clock clock) {
		Assert.notNull(redis, "redis cannot be null");
		Assert.notNull(keys, "keys cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.redis = redis;
		this.keys = keys;
		this.clock = clock;
	}

	@Override
	public String getName() {
		return "keyfleet-guard-dpop-proofs";
	}

	@Override
	public Object getNativeCache() {
		return this.redis;
	}

	/**
	 * Records a proof as used, unless it already was.
	 * @param key the hash of the proof's {@code jti} (from {@link DPoPProofReplayValidator})
	 * @param value a {@link DPoPProofReplayValidator.CacheValue}
	 * @return {@code null} when this is the first use, else a wrapper (a replay)
	 */
	@Override
	public @Nullable ValueWrapper putIfAbsent(Object key, @Nullable Object value) {
		Assert.isInstanceOf(DPoPProofReplayValidator.CacheValue.class, value, "value must be a CacheValue");
		DPoPProofReplayValidator.CacheValue proof = (DPoPProofReplayValidator.CacheValue) value;
		long ttl = Math.max(0, proof.getExpiresAt().toEpochMilli() - this.clock.millis()) + MARGIN.toMillis();
		String stored = this.redis.await(this.redis.commands()
			.set(this.keys.dpopProof(key.toString()), proof.getJwkThumbprint(), SetArgs.Builder.nx().px(ttl)));
		return "OK".equals(stored) ? null : new SimpleValueWrapper(value);
	}

	@Override
	public void put(Object key, @Nullable Object value) {
		putIfAbsent(key, value);
	}

	@Override
	public @Nullable ValueWrapper get(Object key) {
		String stored = this.redis.await(this.redis.commands().get(this.keys.dpopProof(key.toString())));
		return (stored != null) ? new SimpleValueWrapper(stored) : null;
	}

	@Override
	public <T> @Nullable T get(Object key, @Nullable Class<T> type) {
		throw new UnsupportedOperationException("used DPoP proofs are only recorded and tested");
	}

	@Override
	public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
		throw new UnsupportedOperationException("used DPoP proofs are only recorded and tested");
	}

	@Override
	public void evict(Object key) {
		// a used proof stays used until it expires
	}

	@Override
	public void clear() {
		// a used proof stays used until it expires
	}

}
