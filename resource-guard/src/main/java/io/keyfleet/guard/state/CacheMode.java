package io.keyfleet.guard.state;

/**
 * How a guard's local copy of the shared state learns that a key changed
 * (docs/guard-state.md "Invalidation").
 */
public enum CacheMode {

	/**
	 * Redis server-assisted client-side caching: the keys are read over a RESP3
	 * connection with {@code CLIENT TRACKING ON}, and Redis pushes an invalidation for
	 * every key read on it that changes afterwards, absent keys included.
	 * @see TrackingGuardStateCache
	 */
	TRACKING,

	/**
	 * A subscription to {@code <prefix>guard:invalidate}, on which the auth-server
	 * publishes the name of every key it changes.
	 * @see PubSubGuardStateCache
	 */
	PUBSUB

}
