package io.keyfleet.sim.anomaly;

import io.keyfleet.sim.SimException;

/**
 * The pauses between the requests of a behaviour.
 */
final class Pause {

	private Pause() {
	}

	/**
	 * @param millis how long
	 * @throws SimException when interrupted (the run is being stopped)
	 */
	static void millis(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SimException("interrupted", ex);
		}
	}

}
