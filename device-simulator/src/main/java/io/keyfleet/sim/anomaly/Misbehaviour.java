package io.keyfleet.sim.anomaly;

import java.time.Clock;
import java.time.Instant;

/**
 * One way a device misbehaves that the server's anomaly detector must notice within 10 s
 * (CONTRACT "Provisioning, lifecycle and anomalies"), played by a warmed-up device that
 * had behaved normally until then. One class per behaviour, listed in
 * {@link Misbehaviours}.
 */
public interface Misbehaviour {

	/**
	 * @return the name on the command line, e.g. {@code clone}
	 */
	String name();

	/**
	 * @return the anomaly kind the contract says it is, e.g. {@code clone} or {@code new_source}
	 */
	String kind();

	/**
	 * @return one line: what the device does
	 */
	String description();

	/**
	 * @return whether the device must attest (EAT) for this behaviour
	 */
	default boolean attests() {
		return false;
	}

	/**
	 * @return whether the behaviour needs the resource server
	 */
	default boolean needsResourceServer() {
		return false;
	}

	/**
	 * Plays the behaviour, blocking until it is done (a few seconds at most).
	 * @param device the warmed-up device
	 * @param clock the clock the injection time is read from
	 * @return when the misbehaviour began (just before its first misbehaving request)
	 * @throws io.keyfleet.sim.SimException when it could not be played (e.g. no token to replay)
	 */
	Instant perform(FleetDevice device, Clock clock);

}
