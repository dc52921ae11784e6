package io.keyfleet.auth.est;

import org.springframework.http.HttpStatus;

/**
 * An EST request refused with an HTTP error status (RFC 7030 §4.2.3: "If the content is
 * not acceptable, the server MUST return an HTTP error"): {@code 400} for an unusable
 * request, {@code 401} when the client is not authenticated, {@code 403} when it is but
 * may not enroll. {@code error} is the short reason written to the audit log.
 */
final class EstRefusal extends RuntimeException {

	private final HttpStatus status;

	private final String error;

	EstRefusal(HttpStatus status, String error, String detail) {
		super(detail, null, false, false);
		this.status = status;
		this.error = error;
	}

	static EstRefusal badRequest(String detail) {
		return new EstRefusal(HttpStatus.BAD_REQUEST, "bad_request", detail);
	}

	static EstRefusal unauthenticated(String detail) {
		return new EstRefusal(HttpStatus.UNAUTHORIZED, "unauthenticated", detail);
	}

	static EstRefusal forbidden(String detail) {
		return new EstRefusal(HttpStatus.FORBIDDEN, "forbidden", detail);
	}

	HttpStatus status() {
		return this.status;
	}

	String error() {
		return this.error;
	}

}
