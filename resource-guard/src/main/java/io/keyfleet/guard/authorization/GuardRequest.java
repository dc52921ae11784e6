package io.keyfleet.guard.authorization;

import java.time.Clock;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.keyfleet.guard.standing.ClientStanding;
import io.keyfleet.guard.standing.ClientStandings;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What a {@link GuardRule} looks at: the validated access token, the request's path
 * variables, the time, and — read at most once per request, from the guard's local copy —
 * the standing of the token's client.
 */
public final class GuardRequest {

	private final Jwt token;

	private final Map<String, String> variables;

	private final ClientStandings standings;

	private final Clock clock;

	private @Nullable ClientStanding standing;

	private boolean standingRead;

	GuardRequest(Jwt token, Map<String, String> variables, ClientStandings standings, Clock clock) {
		this.token = token;
		this.variables = variables;
		this.standings = standings;
		this.clock = clock;
	}

	public Jwt token() {
		return this.token;
	}

	/** A path variable of the matched pattern, e.g. {@code id} in {@code /devices/{id}/config}. */
	public @Nullable String variable(String name) {
		return this.variables.get(name);
	}

	public Clock clock() {
		return this.clock;
	}

	/**
	 * The standing of the token's client.
	 * @return the standing, or {@code null} when the client is unknown
	 * @throws io.keyfleet.guard.state.GuardStateUnavailableException when it cannot be
	 * read
	 */
	public @Nullable ClientStanding standing() {
		if (!this.standingRead) {
			this.standing = this.standings.of(this.token);
			this.standingRead = true;
		}
		return this.standing;
	}

}
