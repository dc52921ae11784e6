package io.keyfleet.auth.admin;

import java.time.Duration;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

import io.keyfleet.auth.keys.SigningKeys;
import io.keyfleet.auth.revocation.TokenStanding;
import io.keyfleet.auth.token.IssuedTokenDecoders;

/**
 * Re-checks every admin API token against the shared state: revoked, client no longer
 * active, or issued before a kill switch → {@code invalid_token}. The admin API is held
 * to the same zero-trust rule as every resource server, and so is the client configuration
 * endpoint (RFC 7592) through {@link #issuerTokenDecoder}.
 */
public final class TokenStandingValidator implements OAuth2TokenValidator<Jwt> {

	private final TokenStanding standing;

	TokenStandingValidator(TokenStanding standing) {
		this.standing = standing;
	}

	/**
	 * The decoder of the endpoints whose resource identifier is the issuer itself (the
	 * admin API, the client configuration endpoint): this server's own access tokens,
	 * within their lifetime, for the issuer, in good standing.
	 */
	public static JwtDecoder issuerTokenDecoder(SigningKeys keys, String issuer, TokenStanding standing,
			Duration clockSkew) {
		return IssuedTokenDecoders.create(keys, new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(clockSkew),
				new JwtIssuerValidator(issuer), new JwtAudienceValidator(issuer), new TokenStandingValidator(standing)));
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
