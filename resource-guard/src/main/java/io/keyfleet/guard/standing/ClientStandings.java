package io.keyfleet.guard.standing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import io.keyfleet.guard.state.GuardKeys;
import io.keyfleet.guard.state.GuardStateCache;
import io.keyfleet.guard.state.GuardStateUnavailableException;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;

/**
 * Looks up a client's {@link ClientStanding} through the guard's local copy of the shared
 * state.
 */
public final class ClientStandings {

	private final GuardStateCache state;

	private final GuardKeys keys;

	/**
	 * The parsed form of each standing value the local copy holds, by that value's
	 * instance: the copy hands out the same string until the key changes, so a request
	 * reuses the parse instead of reading JSON again (twice, for endpoints whose rules
	 * look at the standing too). Weak keys: an entry goes when the copy drops its value.
	 */
	private final Cache<String, ClientStanding> parsed = Caffeine.newBuilder().weakKeys().maximumSize(100_000).build();

	public ClientStandings(GuardStateCache state, GuardKeys keys) {
		Assert.notNull(state, "state cannot be null");
		Assert.notNull(keys, "keys cannot be null");
		this.state = state;
		this.keys = keys;
	}

	/**
	 * @param clientId the client id
	 * @return the standing, or {@code null} for a client the auth-server does not know
	 * @throws GuardStateUnavailableException when the state store cannot answer
	 * @throws IllegalArgumentException when the stored value is malformed
	 */
	public @Nullable ClientStanding find(String clientId) {
		String json = this.state.get(this.keys.standing(clientId));
		return (json != null) ? this.parsed.get(json, ClientStanding::parse) : null;
	}

	/**
	 * The standing of the client a token was issued to.
	 * @param token the access token
	 * @return the standing, or {@code null} when unknown or the token names no client
	 */
	public @Nullable ClientStanding of(Jwt token) {
		String clientId = clientId(token);
		return (clientId != null) ? find(clientId) : null;
	}

	/**
	 * The client a token was issued to: {@code client_id} (RFC 9068 Section 2.2), else
	 * {@code sub}, which Keyfleet sets to the client id too.
	 * @param token the access token
	 * @return the client id, or {@code null}
	 */
	public static @Nullable String clientId(Jwt token) {
		String clientId = token.getClaimAsString("client_id");
		return (clientId != null) ? clientId : token.getSubject();
	}

}
