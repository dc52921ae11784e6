package io.keyfleet.guard.dpop;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.keyfleet.guard.state.GuardKeys;
import io.keyfleet.guard.state.GuardRedis;
import io.keyfleet.guard.state.GuardStateUnavailableException;

import io.lettuce.core.SetArgs;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Server-provided DPoP nonces (RFC 9449 Section 9) that every guard node accepts without
 * a round trip: a nonce is a time window number and its HMAC-SHA-256 under a key all
 * guards share through Redis ({@code <p>guard:dpop-nonce-key}, created once with
 * {@code SET NX}, read again every window). A nonce is issued for one {@code nonceLifetime} window and accepted in
 * that window and the next, so a client that just got one never sees it refused.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc9449#section-9">RFC 9449
 * Section 9 Resource Server-Provided Nonce</a>
 */
public final class DPoPNonces {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final int MAC_BYTES = 16;

	private final GuardRedis redis;

	private final GuardKeys keys;

	private final long lifetimeMillis;

	private final Clock clock;

	private volatile @Nullable WindowKey key;

	public DPoPNonces(GuardRedis redis, GuardKeys keys, Duration lifetime, Clock clock) {
		Assert.notNull(redis, "redis cannot be null");
		Assert.notNull(keys, "keys cannot be null");
		Assert.isTrue(lifetime != null && lifetime.toMillis() > 0, "lifetime must be positive");
		Assert.notNull(clock, "clock cannot be null");
		this.redis = redis;
		this.keys = keys;
		this.lifetimeMillis = lifetime.toMillis();
		this.clock = clock;
	}

	/**
	 * The nonce to hand out now ({@code DPoP-Nonce} header).
	 * @throws io.keyfleet.guard.state.GuardStateUnavailableException when the shared key
	 * cannot be read
	 */
	public String current() {
		return encode(window());
	}

	/**
	 * @param nonce a proof's {@code nonce} claim
	 * @return whether a guard issued it in this window or the previous one
	 */
	public boolean isValid(@Nullable String nonce) {
		if (nonce == null) {
			return false;
		}
		byte[] decoded;
		try {
			decoded = Base64.getUrlDecoder().decode(nonce);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		if (decoded.length != Long.BYTES + MAC_BYTES) {
			return false;
		}
		long window = ByteBuffer.wrap(decoded, 0, Long.BYTES).getLong();
		long now = window();
		if (window != now && window != now - 1) {
			return false;
		}
		return MessageDigest.isEqual(Arrays.copyOfRange(decoded, Long.BYTES, decoded.length), mac(window));
	}

	private long window() {
		return this.clock.millis() / this.lifetimeMillis;
	}

	private String encode(long window) {
		return ENCODER.encodeToString(ByteBuffer.allocate(Long.BYTES + MAC_BYTES).putLong(window).put(mac(window)).array());
	}

	private byte[] mac(long window) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(), "HmacSHA256"));
			return Arrays.copyOf(mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(window).array()), MAC_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The shared key, read again from Redis once per window: if Redis lost it and another
	 * guard made a new one, this guard follows within a window instead of refusing that
	 * guard's nonces (and having its own refused) until it restarts.
	 */
	private byte[] key() {
		long window = window();
		WindowKey current = this.key;
		if (current == null || current.window() != window) {
			current = new WindowKey(window, readOrCreateKey());
			this.key = current;
		}
		return current.key();
	}

	private byte[] readOrCreateKey() {
		String name = this.keys.dpopNonceKey();
		String shared = this.redis.await(this.redis.commands().get(name));
		if (shared == null) {
			byte[] candidate = new byte[32];
			new SecureRandom().nextBytes(candidate);
			this.redis.await(this.redis.commands().set(name, ENCODER.encodeToString(candidate), SetArgs.Builder.nx()));
			shared = this.redis.await(this.redis.commands().get(name));
		}
		try {
			return Base64.getUrlDecoder().decode(shared);
		}
		catch (NullPointerException | IllegalArgumentException ex) {
			// gone again (Redis lost it between SET NX and GET) or not ours: no nonce can be judged
			throw new GuardStateUnavailableException("the shared DPoP nonce key is unreadable");
		}
	}

	private record WindowKey(long window, byte[] key) {
	}

}
