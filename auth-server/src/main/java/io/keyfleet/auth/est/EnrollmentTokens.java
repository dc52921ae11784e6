package io.keyfleet.auth.est;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import io.lettuce.core.SetArgs;

import io.keyfleet.auth.store.StateStore;

/**
 * One-time enrollment tokens for EST {@code simpleenroll} (RFC 7030 §3.2.3 leaves the
 * HTTP authentication scheme open; Keyfleet uses HTTP Bearer). A token is 256 random bits;
 * Redis keeps only its SHA-256 ({@code est-token:<hash>} → device id, expiring with the
 * token), so a copy of the store does not let anyone enroll. The token itself is returned
 * once to the admin and never logged.
 */
public final class EnrollmentTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final int TOKEN_BYTES = 32;

	private final StateStore store;

	private final Duration lifetime;

	public EnrollmentTokens(StateStore store, Duration lifetime) {
		this.store = store;
		this.lifetime = lifetime;
	}

	/** A new token bound to {@code deviceId}; earlier unused tokens stay valid until they expire. */
	public String create(String deviceId) {
		byte[] secret = new byte[TOKEN_BYTES];
		RANDOM.nextBytes(secret);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		this.store.await(this.store.async().set(key(token), deviceId, SetArgs.Builder.px(this.lifetime.toMillis())));
		return token;
	}

	public Duration lifetime() {
		return this.lifetime;
	}

	/** The device the token is bound to, without using it up; empty when unknown or expired. */
	public Optional<String> deviceOf(String token) {
		return Optional.ofNullable(this.store.await(this.store.async().get(key(token))));
	}

	/**
	 * Uses the token up. {@code GETDEL} is atomic, so of two concurrent enrollments with
	 * the same token exactly one gets {@code true}.
	 * @return whether the token was still valid and bound to {@code deviceId}
	 */
	public boolean consume(String token, String deviceId) {
		return deviceId.equals(this.store.await(this.store.async().getdel(key(token))));
	}

	private String key(String token) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return this.store.key("est-token", Base64.getUrlEncoder().withoutPadding().encodeToString(hash));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
