package io.keyfleet.sim.attack;

/**
 * A refusal the contract prescribes: the HTTP status and the OAuth error code (RFC 6749
 * Section 5.2 and CONTRACT.md), e.g. {@code 401 invalid_client} for a bad client
 * assertion. Judging compares both: a refusal with another status or code is a contract
 * violation ({@link Outcome#ERROR}), not a pass; any 2xx answer means the attack
 * {@link Outcome#GOT_THROUGH got through}.
 *
 * @param status the HTTP status
 * @param error the error code
 */
public record Expectation(int status, String error) {

	/** RFC 6749 Section 5.2, RFC 7523 Section 3.2: client authentication failed. */
	public static final Expectation INVALID_CLIENT = new Expectation(401, "invalid_client");

	/** RFC 6749 Section 5.2: a scope beyond what the client may have. */
	public static final Expectation INVALID_SCOPE = new Expectation(400, "invalid_scope");

	/** RFC 8707 Section 2: a resource the client may not address. */
	public static final Expectation INVALID_TARGET = new Expectation(400, "invalid_target");

	/** RFC 9449 Section 5, CONTRACT "Token": a DPoP proof the token endpoint refuses (e.g. replayed). */
	public static final Expectation INVALID_DPOP_PROOF = new Expectation(400, "invalid_dpop_proof");

	/**
	 * RFC 6750 Section 3.1, CONTRACT "Resource servers": a token that is invalid, not in good
	 * standing, or presented without its sender constraint.
	 */
	public static final Expectation INVALID_TOKEN = new Expectation(401, "invalid_token");

	/** RFC 9449 Section 7.1, CONTRACT "Resource servers": a missing or invalid (e.g. replayed) proof. */
	public static final Expectation INVALID_DPOP_PROOF_AT_RESOURCE = new Expectation(401, "invalid_dpop_proof");

	/** RFC 6750 Section 3.1, CONTRACT "Resource servers": a good token that is not allowed here. */
	public static final Expectation INSUFFICIENT_SCOPE = new Expectation(403, "insufficient_scope");

	/**
	 * @return e.g. {@code HTTP 401 invalid_client}
	 */
	public String describe() {
		return "HTTP " + this.status + " " + this.error;
	}

	/**
	 * @param name the scenario's name
	 * @param what the attempt, e.g. "replayed assertion"
	 * @param observed the server's answer
	 * @return the verdict
	 */
	public ScenarioResult judge(String name, String what, Observed observed) {
		String seen = what + ": " + observed.describe();
		if (observed.status() / 100 == 2) {
			return new ScenarioResult(name, Outcome.GOT_THROUGH, describe(), seen);
		}
		if (observed.status() == this.status && this.error.equals(observed.error())) {
			return new ScenarioResult(name, Outcome.REFUSED, describe(), seen);
		}
		return new ScenarioResult(name, Outcome.ERROR, describe(),
				seen + " (refused, but not as the contract says: expected " + describe() + ")");
	}

}
