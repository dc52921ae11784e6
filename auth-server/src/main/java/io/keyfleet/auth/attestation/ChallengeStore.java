package io.keyfleet.auth.attestation;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import io.lettuce.core.SetArgs;

import io.keyfleet.auth.store.StateStore;

/**
 * Attestation challenges: 32 random bytes, stored in Redis until they expire and consumed
 * exactly once (atomic {@code GETDEL}), so a nonce can vouch for the freshness of one piece
 * of evidence on any node. Each remembers when it was issued: challenges are not bound to a
 * client (CONTRACT "Challenge" needs no client authentication), so a device that is
 * stepped up must answer one issued after the step-up, not one it fetched before.
 */
public final class ChallengeStore {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final StateStore store;

	private final Duration lifetime;

	private final Clock clock;

	public ChallengeStore(StateStore store, Duration lifetime, Clock clock) {
		this.store = store;
		this.lifetime = lifetime;
		this.clock = clock;
	}

	/** A new challenge, base64url without padding. */
	public String issue() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.store.await(this.store.async().set(key(challenge), Long.toString(this.clock.millis()), SetArgs.Builder.px(this.lifetime.toMillis())));
		return challenge;
	}

	/**
	 * Uses up a challenge; false when it is unknown, expired, already used, or issued at or
	 * before {@code notAfterMs} (a step-up; null when there was none). A stored value that is not a time counts as
	 * issued before any step-up (fail closed).
	 */
	public boolean consume(String challenge, Long notAfterMs) {
		if (challenge == null || challenge.length() != 43) {
			return false;
		}
		String issuedAt = this.store.await(this.store.async().getdel(key(challenge)));
		if (issuedAt == null) {
			return false;
		}
		return notAfterMs == null || issuedAtMs(issuedAt) > notAfterMs;
	}

	private static long issuedAtMs(String value) {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			return Long.MIN_VALUE;
		}
	}

	public Duration lifetime() {
		return this.lifetime;
	}

	private String key(String challenge) {
		return this.store.key("challenge", challenge);
	}

}
