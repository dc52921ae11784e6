package io.keyfleet.sim.attack;

import io.keyfleet.sim.ClientAuthMethod;

/**
 * Guesses the client secret of a {@code client_secret_basic} device (a throwaway one it
 * registers) as fast as it can. The contract: each wrong guess is {@code 401
 * invalid_client}, and the per-client rate limit (default 10/s, burst 20) soon answers
 * {@code 429 slow_down} with {@code Retry-After}. No 429 within {@value #MAX_ATTEMPTS}
 * guesses means brute force is not slowed down: the attack got through. Run it against a
 * server with the default rate limits.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-10.10">RFC 6749 Section 10.10</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6585#section-4">RFC 6585 Section 4 (429)</a>
 */
final class BruteForceSecretScenario implements AttackScenario {

	static final int MAX_ATTEMPTS = 200;

	@Override
	public String name() {
		return "brute-force-secret";
	}

	@Override
	public String description() {
		return "guess a client_secret_basic device's secret up to " + MAX_ATTEMPTS + " times, as fast as possible";
	}

	@Override
	public String expected() {
		return "HTTP 401 invalid_client, then HTTP 429 slow_down with Retry-After";
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		AttackDevice device = context.register("brute-force", ClientAuthMethod.CLIENT_SECRET_BASIC);
		for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			Observed observed = context.tokenWithBasic(device.id(), "guess-" + attempt + "-not-the-secret");
			ScenarioResult verdict = judge(attempt, observed);
			if (verdict != null) {
				return verdict;
			}
		}
		return new ScenarioResult(name(), Outcome.GOT_THROUGH, expected(),
				MAX_ATTEMPTS + " wrong secrets answered 401 without any rate limit");
	}

	/**
	 * @param attempt the guess's number, from 1
	 * @param observed the answer to it
	 * @return the verdict, or {@code null} to guess again
	 */
	ScenarioResult judge(int attempt, Observed observed) {
		if (observed.status() / 100 == 2) {
			return new ScenarioResult(name(), Outcome.GOT_THROUGH, expected(),
					"guess " + attempt + " was accepted: " + observed.describe());
		}
		if (observed.status() == 429) {
			boolean contract = "slow_down".equals(observed.error()) && observed.retryAfter() != null;
			return new ScenarioResult(name(), contract ? Outcome.REFUSED : Outcome.ERROR, expected(),
					(attempt - 1) + " x HTTP 401 invalid_client, then " + observed.describe() + " with Retry-After "
							+ observed.retryAfter());
		}
		if (observed.status() == 401 && "invalid_client".equals(observed.error())) {
			return null;
		}
		return new ScenarioResult(name(), Outcome.ERROR, expected(),
				"guess " + attempt + " answered " + observed.describe() + " (neither 401 invalid_client nor 429)");
	}

}
