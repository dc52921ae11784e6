package io.keyfleet.sim.attack;

import java.util.Locale;

/**
 * How an attack ended, from best to worst.
 */
public enum Outcome {

	/** The server refused the attack exactly as the contract says. */
	REFUSED,

	/**
	 * The attack was not played: it needs a resource server and none answered. Neither a
	 * pass nor a failure, so that {@code attack all} works against an auth-server alone.
	 */
	SKIPPED,

	/**
	 * The attack could not be judged: the setup failed, or the server refused in a way the
	 * contract does not say (another status or error code).
	 */
	ERROR,

	/** The server did what the attacker wanted. */
	GOT_THROUGH;

	/**
	 * @return the JSON value, e.g. {@code got_through}
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * @param other another outcome
	 * @return the worse of the two
	 */
	public Outcome worst(Outcome other) {
		return (other.ordinal() > ordinal()) ? other : this;
	}

}
