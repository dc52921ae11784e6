package io.keyfleet.auth.web;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * The error codes Keyfleet answers with beyond RFC 6749's, and the HTTP status of each
 * (CONTRACT "Token", error table; RFC 6749 §5.2 for the rest).
 */
public final class KeyfleetErrorCodes {

	/** Rate limit hit; {@code Retry-After} says when to come back. */
	public static final String SLOW_DOWN = "slow_down";

	/** The state store cannot be reached: fail closed. */
	public static final String TEMPORARILY_UNAVAILABLE = "temporarily_unavailable";

	public static final String INVALID_TARGET = "invalid_target";

	public static final String INVALID_CLIENT_ATTESTATION = "invalid_client_attestation";

	public static final String USE_ATTESTATION_CHALLENGE = "use_attestation_challenge";

	public static final String USE_FRESH_ATTESTATION = "use_fresh_attestation";

	public static final String USE_DPOP_NONCE = "use_dpop_nonce";

	public static final String ERROR_URI = "https://www.rfc-editor.org/rfc/rfc6749#section-5.2";

	private KeyfleetErrorCodes() {
	}

	public static HttpStatus statusOf(String errorCode) {
		return switch (errorCode) {
			case OAuth2ErrorCodes.INVALID_CLIENT, INVALID_CLIENT_ATTESTATION -> HttpStatus.UNAUTHORIZED;
			case SLOW_DOWN -> HttpStatus.TOO_MANY_REQUESTS;
			case TEMPORARILY_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
			case OAuth2ErrorCodes.SERVER_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
			default -> HttpStatus.BAD_REQUEST;
		};
	}

}
