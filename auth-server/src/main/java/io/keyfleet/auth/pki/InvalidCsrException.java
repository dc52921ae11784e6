package io.keyfleet.auth.pki;

/**
 * A certification request Keyfleet will not sign: unparseable, its signature does not
 * verify (no proof of possession, RFC 2986 §3), or its key is not EC P-256 or RSA of
 * 2048 bits or more. EST maps it to {@code 400} (RFC 7030 §4.2.3).
 */
public class InvalidCsrException extends RuntimeException {

	public InvalidCsrException(String message) {
		super(message);
	}

	public InvalidCsrException(String message, Throwable cause) {
		super(message, cause);
	}

}
