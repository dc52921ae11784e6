package io.keyfleet.sim.load;

import java.io.IOException;

/**
 * What the server sent is not an HTTP/1.1 response (RFC 9112): a load run counts it as
 * {@code bad_response}.
 */
final class MalformedResponseException extends IOException {

	private static final long serialVersionUID = 1L;

	MalformedResponseException(String message) {
		super(message);
	}

}
