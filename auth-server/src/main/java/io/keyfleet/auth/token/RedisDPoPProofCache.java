package io.keyfleet.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.lettuce.core.SetArgs;

import org.springframework.cache.Cache;
import org.springframework.cache.support.SimpleValueWrapper;
import org.springframework.security.oauth2.jwt.DPoPProofReplayValidator;

import io.keyfleet.auth.store.StateStore;

/**
 * The store behind Spring's {@link DPoPProofReplayValidator}, in Redis instead of one
 * node's memory: {@link #putIfAbsent} is {@code SET NX PX}, so a DPoP proof's {@code jti}
 * is single use across every server node for as long as the proof could be accepted.
 * Only {@code putIfAbsent} is used by the validator; the other operations do what a
 * cache would, for completeness.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9449#section-11.1">RFC 9449 §11.1 DPoP Proof Replay</a>
 */
public final class RedisDPoPProofCache implements Cache {

	private final StateStore store;

	private final Clock clock;

	public RedisDPoPProofCache(StateStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	@Override
	public ValueWrapper putIfAbsent(Object key, Object value) {
		long ttlMs = 60_000;
		if (value instanceof DPoPProofReplayValidator.CacheValue entry && entry.getExpiresAt() != null) {
			ttlMs = Math.max(1_000, Duration.between(this.clock.instant(), entry.getExpiresAt()).toMillis());
		}
		String result = this.store.await(this.store.async().set(key(key), "1", SetArgs.Builder.nx().px(ttlMs)));
		return "OK".equals(result) ? null : new SimpleValueWrapper(value);
	}

	@Override
	public ValueWrapper get(Object key) {
		return (this.store.await(this.store.async().exists(key(key))) > 0) ? new SimpleValueWrapper(Boolean.TRUE) : null;
	}

	@Override
	public <T> T get(Object key, Class<T> type) {
		throw new UnsupportedOperationException("a replay cache records, it does not return values");
	}

	@Override
	public <T> T get(Object key, Callable<T> valueLoader) {
		throw new UnsupportedOperationException("a replay cache records, it does not return values");
	}

	@Override
	public void put(Object key, Object value) {
		putIfAbsent(key, value);
	}

	@Override
	public void evict(Object key) {
		this.store.await(this.store.async().del(key(key)));
	}

	@Override
	public void clear() {
		throw new UnsupportedOperationException("DPoP proof ids expire on their own");
	}

	@Override
	public String getName() {
		return "keyfleet-dpop-proofs";
	}

	@Override
	public Object getNativeCache() {
		return this.store;
	}

	private String key(Object key) {
		return this.store.key("dpop-jti", String.valueOf(key));
	}

}
