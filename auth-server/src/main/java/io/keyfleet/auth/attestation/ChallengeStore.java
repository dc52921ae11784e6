package io.keyfleet.auth.attestation;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import io.lettuce.core.SetArgs;

import io.keyfleet.auth.store.StateStore;

/**
 * Attestation challenges: 32 random bytes, stored in Redis until they expire and consumed
 * exactly once (atomic {@code GETDEL}), so a nonce can vouch for the freshness of one piece
 * of evidence on any node.
 */
public final class ChallengeStore {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final StateStore store;

	private final Duration lifetime;

	public ChallengeStore(StateStore store, Duration lifetime) {
		this.store = store;
		this.lifetime = lifetime;
	}

	/** A new challenge, base64url without padding. */
	public String issue() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.store.await(this.store.async().set(key(challenge), "1", SetArgs.Builder.px(this.lifetime.toMillis())));
		return challenge;
	}

	/** Uses up a challenge; false when it is unknown, expired or already used. */
	public boolean consume(String challenge) {
		if (challenge == null || challenge.length() != 43) {
			return false;
		}
		return this.store.await(this.store.async().getdel(key(challenge))) != null;
	}

	public Duration lifetime() {
		return this.lifetime;
	}

	private String key(String challenge) {
		return this.store.key("challenge", challenge);
	}

}
