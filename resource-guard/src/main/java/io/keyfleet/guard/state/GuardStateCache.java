package io.keyfleet.guard.state;

import org.jspecify.annotations.Nullable;

/**
 * A guard's view of the shared state keys (docs/guard-state.md): answers from a local
 * copy in the steady state, with no Redis round trip, and kept exact by Redis
 * invalidations, so that a revocation reaches every guard within milliseconds.
 *
 * <p>
 * Fail closed: while the copy cannot be trusted — the connection that carries
 * invalidations is lost, or Redis does not answer a read — every call throws
 * {@link GuardStateUnavailableException}; the implementation reconnects by itself and
 * drops its copy before it answers again.
 *
 * @see CacheMode
 */
public interface GuardStateCache extends AutoCloseable {

	/**
	 * The current value of a key.
	 * @param key the full key name, prefix included
	 * @return the value, or {@code null} when the key does not exist
	 * @throws GuardStateUnavailableException when the answer cannot be trusted
	 */
	@Nullable String get(String key);

	/**
	 * Whether invalidations are flowing, so that {@link #get} can answer.
	 * @return {@code true} when the invalidation connection is up
	 */
	boolean isAvailable();

	/**
	 * How many reads went to Redis so far (the local copy answered the others).
	 * @return the number of loads
	 */
	long loads();

	@Override
	void close();

}
