package io.keyfleet.sim.load;

/**
 * Runs the phases of one load run (warmup, measurement) with the same workers, so that
 * connections opened during the warmup serve the measurement.
 */
interface PhaseRunner extends AutoCloseable {

	/**
	 * Runs one phase with every worker and returns when all are done.
	 * @param phase the phase
	 * @return the phase, with its measurements
	 */
	Phase run(Phase phase);

	/**
	 * @return the connections opened so far (TLS handshakes), over all workers and targets
	 */
	int connectionsOpened();

	@Override
	void close();

}
