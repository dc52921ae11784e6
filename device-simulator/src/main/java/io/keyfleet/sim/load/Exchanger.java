package io.keyfleet.sim.load;

/**
 * One worker's requests of one kind (token requests, EST enrollments, OCSP requests),
 * driven by {@link PhaseLoop}: request {@code index} is first written, then sent and
 * judged. A worker is one thread, so an implementation needs no locking of its own.
 */
interface Exchanger {

	/**
	 * Writes request {@code index}: closed loop before its latency starts to count, open
	 * loop at its scheduled time (so in the measured time).
	 * @param index the request's number in the phase
	 */
	void write(long index);

	/**
	 * Sends the written request and judges the answer; a failure is counted in
	 * {@link Phase#errors}, never thrown.
	 * @param phase the phase
	 * @param index the request's number
	 * @return whether it succeeded
	 */
	boolean exchange(Phase phase, long index);

	/**
	 * @return this worker's TLS handshakes so far
	 */
	int connectionsOpened();

	/** Closes this worker's connections. */
	void close();

}
