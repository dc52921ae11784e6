package io.keyfleet.guard.authorization;

import java.time.Clock;
import java.util.List;

import io.keyfleet.guard.standing.ClientStandings;

import org.springframework.util.Assert;

/**
 * Where endpoint requirements start: the {@code guard} in
 * {@code .access(guard.scope("fleet:read"))}. A bean of the guard's auto-configuration;
 * inject it into the method that builds the {@code SecurityFilterChain}.
 *
 * @see GuardRequirement
 */
public final class GuardRequirements {

	private final ClientStandings standings;

	private final Clock clock;

	public GuardRequirements(ClientStandings standings, Clock clock) {
		Assert.notNull(standings, "standings cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.standings = standings;
		this.clock = clock;
	}

	/** Any valid token in good standing. */
	public GuardRequirement authenticated() {
		return new GuardRequirement(this.standings, this.clock, List.of());
	}

	/** A valid token in good standing whose {@code scope} contains all of {@code scopes}. */
	public GuardRequirement scope(String... scopes) {
		return authenticated().scope(scopes);
	}

}
