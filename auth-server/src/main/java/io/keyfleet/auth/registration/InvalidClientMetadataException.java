package io.keyfleet.auth.registration;

/**
 * A client configuration request the server refuses: answered {@code 400} with the
 * RFC 7591 §3.2.2 error {@code invalid_client_metadata} and this description.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2.2">RFC 7591 §3.2.2</a>
 */
final class InvalidClientMetadataException extends RuntimeException {

	/** What went wrong, for the audit line: a short token such as {@code too_many_keys}. */
	private final String reason;

	InvalidClientMetadataException(String reason, String description) {
		super(description);
		this.reason = reason;
	}

	String reason() {
		return this.reason;
	}

}
