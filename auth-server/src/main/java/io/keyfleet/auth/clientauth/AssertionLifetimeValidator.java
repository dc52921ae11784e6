package io.keyfleet.auth.clientauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Keeps client assertions short-lived: {@code exp} is required and at most
 * {@code maxLifetime} (5 minutes) ahead, and {@code exp - iat} may not exceed
 * {@code maxLifetime} either. A short window bounds how
 * long the single-use {@code jti} must be remembered.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7523#section-3">RFC 7523 §3 items 4-6</a>
 */
public final class AssertionLifetimeValidator implements OAuth2TokenValidator<Jwt> {

	private static final String ERROR_URI = "https://www.rfc-editor.org/rfc/rfc7523#section-3";

	private final Duration maxLifetime;

	private final Duration clockSkew;

	private final Clock clock;

	public AssertionLifetimeValidator(Duration maxLifetime, Duration clockSkew, Clock clock) {
		this.maxLifetime = maxLifetime;
		this.clockSkew = clockSkew;
		this.clock = clock;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt assertion) {
		Instant now = this.clock.instant();
		Instant exp = assertion.getExpiresAt();
		if (exp == null) {
			return failure("the assertion has no exp");
		}
		if (exp.isAfter(now.plus(this.maxLifetime).plus(this.clockSkew))) {
			return failure("the assertion's exp is more than " + this.maxLifetime.toSeconds() + " s ahead");
		}
		// Spring fills in a missing iat as exp - 1 s, so iat is only used for the span check
		Instant iat = assertion.getIssuedAt();
		if (iat != null && Duration.between(iat, exp).compareTo(this.maxLifetime.plus(this.clockSkew)) > 0) {
			return failure("the assertion lives longer than " + this.maxLifetime.toSeconds() + " s");
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description, ERROR_URI));
	}

}
