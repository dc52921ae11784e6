package io.keyfleet.auth.admin;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import io.keyfleet.auth.revocation.TokenStanding;

/**
 * Re-checks every admin API token against the shared state: revoked, client no longer
 * active, or issued before a kill switch → {@code invalid_token}. The admin API is held
 * to the same zero-trust rule as every resource server.
 */
final class TokenStandingValidator implements OAuth2TokenValidator<Jwt> {

	private final TokenStanding standing;

	TokenStandingValidator(TokenStanding standing) {
		this.standing = standing;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		if (token.getClaims().containsKey("cnf")) {
			// sender-constrained admin tokens are not verified here yet: refuse, never downgrade
			return failure("sender-constrained tokens are not accepted by the admin API");
		}
		TokenStanding.Standing result = this.standing.of(token.getClaimAsString("client_id"), token.getId(),
				token.getIssuedAt());
		return result.good() ? OAuth2TokenValidatorResult.success()
				: failure("the token is no longer in good standing (" + result.name().toLowerCase() + ")");
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
	}

}
