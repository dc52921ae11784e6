package io.keyfleet.sim.admin;

import io.keyfleet.sim.SimException;

/**
 * The admin API answered with an error: an RFC 9457 problem, or at least an HTTP status.
 */
public final class AdminApiException extends SimException {

	private static final long serialVersionUID = 1L;

	private final int status;

	AdminApiException(int status, String message) {
		super(message);
		this.status = status;
	}

	/**
	 * @return the HTTP status of the answer
	 */
	public int status() {
		return this.status;
	}

}
