package io.keyfleet.guard.standing;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;

import io.keyfleet.guard.events.StandingError;

/**
 * The one way standing validators refuse a token: {@code invalid_token}, which the
 * resource server answers with {@code 401} (RFC 6750 Section 3.1, CONTRACT.md "Resource
 * servers": "no longer in good standing"), typed with the check that refused so that the
 * {@code resource.denied} event can name it ({@link StandingError}).
 */
final class StandingErrors {

	static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6750#section-3.1";

	private StandingErrors() {
	}

	static OAuth2TokenValidatorResult invalidToken(String reason, String description) {
		return OAuth2TokenValidatorResult.failure(
				new StandingError(reason, new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, ERROR_URI)));
	}

}
