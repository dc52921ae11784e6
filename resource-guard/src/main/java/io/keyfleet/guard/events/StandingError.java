package io.keyfleet.guard.events;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.util.Assert;

/**
 * An {@code invalid_token} refusal that knows which check refused, in the words of the
 * {@code resource.denied} event ({@code revoked}, {@code killed}, {@code status},
 * {@code certificate_revoked}, {@code signing_key_revoked}, {@code expired}): the
 * response is the same for all of them (RFC 6750 Section 3.1), the event is not —
 * an anomaly detector must tell a revoked token from a killed one.
 */
public final class StandingError extends OAuth2Error {

	private static final long serialVersionUID = 1L;

	private final String reason;

	public StandingError(String reason, OAuth2Error error) {
		super(error.getErrorCode(), error.getDescription(), error.getUri());
		Assert.hasText(reason, "reason cannot be empty");
		this.reason = reason;
	}

	/** The {@code reason} of the {@code resource.denied} event. */
	public String reason() {
		return this.reason;
	}

}
