package io.keyfleet.sim.anomaly;

import java.util.List;
import java.util.Optional;

/**
 * The catalog of misbehaviours, one per anomaly kind of the contract, in the order the
 * {@code attack} scenarios and {@code soak} reports list them.
 */
public final class Misbehaviours {

	private static final List<Misbehaviour> ALL = List.of(new CloneBehaviour(), new StolenCredentials(),
			new WrongSecretBurst(), new FirmwareChange(), new RevokedTokenReplay(), new TokenBurst());

	private Misbehaviours() {
	}

	/**
	 * @return every misbehaviour
	 */
	public static List<Misbehaviour> all() {
		return ALL;
	}

	/**
	 * @param name a behaviour's name
	 * @return the behaviour
	 */
	public static Optional<Misbehaviour> find(String name) {
		return ALL.stream().filter((behaviour) -> behaviour.name().equals(name)).findFirst();
	}

	/**
	 * @return the names, for help and completion
	 */
	public static List<String> names() {
		return ALL.stream().map(Misbehaviour::name).toList();
	}

}
