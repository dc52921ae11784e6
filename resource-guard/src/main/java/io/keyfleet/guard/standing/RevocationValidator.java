package io.keyfleet.guard.standing;

import io.keyfleet.guard.state.GuardKeys;
import io.keyfleet.guard.state.GuardStateCache;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Refuses a token that was revoked individually (RFC 7009): the auth-server marks it with
 * {@code <p>revoked:<jti>} until it would have expired. A token without {@code jti} is
 * refused too: RFC 9068 Section 2.2 makes it REQUIRED, and without it no revocation
 * could ever be checked.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc7009#section-2">RFC 7009
 * Section 2 Token Revocation</a>
 */
public final class RevocationValidator implements OAuth2TokenValidator<Jwt> {

	private final GuardStateCache state;

	private final GuardKeys keys;

	public RevocationValidator(GuardStateCache state, GuardKeys keys) {
		Assert.notNull(state, "state cannot be null");
		Assert.notNull(keys, "keys cannot be null");
		this.state = state;
		this.keys = keys;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		String jti = token.getId();
		if (!StringUtils.hasText(jti)) {
			return StandingErrors.invalidToken("invalid", "the token has no jti");
		}
		if (this.state.get(this.keys.revoked(jti)) != null) {
			return StandingErrors.invalidToken("revoked", "the token was revoked");
		}
		return OAuth2TokenValidatorResult.success();
	}

}
