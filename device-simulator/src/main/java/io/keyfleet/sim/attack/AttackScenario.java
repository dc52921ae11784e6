package io.keyfleet.sim.attack;

/**
 * One attack on the authorization server: it plays an attacker against a live server and
 * judges the answer against the contract (CONTRACT.md), status code and error code. A
 * scenario creates the devices it needs itself, through the admin API, so that every
 * scenario runs on a fresh server. One class per scenario, listed in
 * {@link AttackScenarios} (like SPIRE's node attestor catalog).
 */
public interface AttackScenario {

	/**
	 * @return the name on the command line, e.g. {@code assertion-replay}
	 */
	String name();

	/**
	 * @return one line: what the attacker does
	 */
	String description();

	/**
	 * @return one line: what the contract says the server answers
	 */
	String expected();

	/**
	 * Plays the attack.
	 * @param context the server and the attacker's tools
	 * @return the verdict
	 */
	ScenarioResult run(AttackContext context);

}
