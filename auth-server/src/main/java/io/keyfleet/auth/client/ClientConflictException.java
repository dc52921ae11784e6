package io.keyfleet.auth.client;

/** The request contradicts the client's current state (id taken, retired, ...): {@code 409}. */
public final class ClientConflictException extends RuntimeException {

	public ClientConflictException(String message) {
		super(message);
	}

}
