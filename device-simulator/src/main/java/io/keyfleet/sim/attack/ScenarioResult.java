package io.keyfleet.sim.attack;

import java.util.List;

/**
 * The verdict of one {@link AttackScenario}.
 *
 * @param name the scenario's name
 * @param outcome refused, got through, or error
 * @param expected what the contract says
 * @param observed what the server did
 */
public record ScenarioResult(String name, Outcome outcome, String expected, String observed) {

	/**
	 * Combines the verdicts of a scenario's several attempts: the worst outcome wins, and
	 * the observations are joined.
	 * @param name the scenario's name
	 * @param expected what the contract says
	 * @param attempts the verdicts of the attempts, at least one
	 * @return the combined verdict
	 */
	public static ScenarioResult combine(String name, String expected, List<ScenarioResult> attempts) {
		Outcome outcome = Outcome.REFUSED;
		StringBuilder observed = new StringBuilder();
		for (ScenarioResult attempt : attempts) {
			outcome = outcome.worst(attempt.outcome());
			observed.append((observed.length() > 0) ? "; " : "").append(attempt.observed());
		}
		return new ScenarioResult(name, outcome, expected, observed.toString());
	}

	/**
	 * @param name the scenario's name
	 * @param expected what the contract says
	 * @param observed what went wrong before the attack could be judged
	 * @return an error verdict
	 */
	public static ScenarioResult error(String name, String expected, String observed) {
		return new ScenarioResult(name, Outcome.ERROR, expected, observed);
	}

	/**
	 * @param name the scenario's name
	 * @param expected what the contract says
	 * @param resourceServer the resource server that did not answer
	 * @return a skipped verdict
	 */
	public static ScenarioResult skipped(String name, String expected, ResourceServer resourceServer) {
		return new ScenarioResult(name, Outcome.SKIPPED, expected,
				"no resource server answers at " + resourceServer.base() + " (--resource-server)");
	}

}
