package io.keyfleet.auth.revocation;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.SetArgs;

import io.keyfleet.auth.store.StateStore;

/**
 * Individually revoked access tokens (RFC 7009): one Redis key per revoked {@code jti},
 * expiring when the token would have — so revocation state never outlives what it
 * describes, and issued tokens themselves are never stored. Resource guards read the same
 * key (docs/guard-state.md) and hear of new ones on {@code guard:invalidate}.
 */
public final class RevokedTokens {

	private final StateStore store;

	private final Clock clock;

	public RevokedTokens(StateStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	public void revoke(String jti, Instant expiresAt) {
		if (expiresAt == null || !expiresAt.isAfter(this.clock.instant())) {
			return;
		}
		var set = this.store.async().set(key(jti), "1", SetArgs.Builder.pxAt(expiresAt.toEpochMilli()));
		// same connection, so the notice follows the write; guards drop their cached "not revoked"
		var notice = this.store.async().publish(this.store.key("guard", "invalidate"), key(jti));
		this.store.await(set);
		this.store.await(notice);
	}

	/** Whether the token was revoked, without waiting (so it can be pipelined). */
	public CompletionStage<Long> isRevokedAsync(String jti) {
		return this.store.async().exists(key(jti));
	}

	public boolean isRevoked(String jti) {
		return isRevoked(isRevokedAsync(jti));
	}

	/** Waits for an answer of {@link #isRevokedAsync}. */
	public boolean isRevoked(CompletionStage<Long> pending) {
		return this.store.await(pending) > 0;
	}

	private String key(String jti) {
		return this.store.key("revoked", jti);
	}

}
