package io.keyfleet.auth.store;

/**
 * The shared state store could not be reached or did not answer in time. Every caller
 * fails closed on it: no token, no admin change, {@code 503}.
 */
public final class StateStoreUnavailableException extends RuntimeException {

	public StateStoreUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

	/** Finds this exception anywhere in a cause chain. */
	public static StateStoreUnavailableException findIn(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof StateStoreUnavailableException unavailable) {
				return unavailable;
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return null;
	}

}
