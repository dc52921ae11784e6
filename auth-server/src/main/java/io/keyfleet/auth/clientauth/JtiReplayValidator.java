package io.keyfleet.auth.clientauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.lettuce.core.SetArgs;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import io.keyfleet.auth.store.StateStore;

/**
 * Makes every client assertion single use across all server nodes: the first use of a
 * {@code (client, jti)} pair sets a Redis key with {@code SET NX PX}, atomically, that
 * expires when the assertion does (plus clock skew); any later use finds it and fails.
 *
 * <p>
 * Runs last, after signature and every other claim check
 * ({@code DelegatingOAuth2TokenValidator#setFailOnError}), so a forged or expired
 * assertion never uses up the {@code jti} of a genuine one. Redis errors propagate and
 * fail the request closed.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7523#section-3">RFC 7523 §3 item 7</a>
 */
public final class JtiReplayValidator implements OAuth2TokenValidator<Jwt> {

	private static final String ERROR_URI = "https://www.rfc-editor.org/rfc/rfc7523#section-3";

	private static final int MAX_JTI_LENGTH = 256;

	private final StateStore store;

	private final Duration clockSkew;

	private final Clock clock;

	public JtiReplayValidator(StateStore store, Duration clockSkew, Clock clock) {
		this.store = store;
		this.clockSkew = clockSkew;
		this.clock = clock;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt assertion) {
		String jti = assertion.getId();
		if (jti == null || jti.isBlank()) {
			return failure("the assertion has no jti");
		}
		if (jti.length() > MAX_JTI_LENGTH) {
			return failure("the assertion's jti is longer than " + MAX_JTI_LENGTH + " characters");
		}
		Instant now = this.clock.instant();
		Instant exp = (assertion.getExpiresAt() != null) ? assertion.getExpiresAt() : now;
		long ttlMs = Math.max(Duration.between(now, exp).plus(this.clockSkew).toMillis(), 1000);
		String key = this.store.key("jti", assertion.getSubject(), jti);
		String result = this.store.await(this.store.async().set(key, "1", SetArgs.Builder.nx().px(ttlMs)));
		if (!"OK".equals(result)) {
			return failure("the assertion's jti was already used");
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description, ERROR_URI));
	}

}
