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

	private final boolean acceptsDPoPBound;

	TokenStandingValidator(TokenStanding standing) {
		this(standing, false);
	}

	/**
	 * @param acceptsDPoPBound whether tokens bound to a DPoP key ({@code cnf.jkt}) pass —
	 * only where Spring's DPoP authentication verified the proof and something else makes
	 * sure such a token never comes in as plain Bearer
	 */
	private TokenStandingValidator(TokenStanding standing, boolean acceptsDPoPBound) {
		this.standing = standing;
		this.acceptsDPoPBound = acceptsDPoPBound;
	}

	/**
	 * The decoder of the endpoints whose resource identifier is the issuer itself (the
	 * admin API, the client configuration endpoint): this server's own access tokens,
	 * within their lifetime, for the issuer, in good standing.
	 */
	public static JwtDecoder issuerTokenDecoder(SigningKeys keys, String issuer, TokenStanding standing,
			Duration clockSkew) {
		return issuerTokenDecoder(keys, issuer, new TokenStandingValidator(standing), clockSkew);
	}

	/**
	 * As {@link #issuerTokenDecoder(SigningKeys, String, TokenStanding, Duration)}, also
	 * passing DPoP-bound tokens on to {@code presentation}, which must check that they came
	 * with the DPoP scheme.
	 */
	public static JwtDecoder issuerTokenDecoderAcceptingDPoP(SigningKeys keys, String issuer, TokenStanding standing,
			Duration clockSkew, OAuth2TokenValidator<Jwt> presentation) {
		return issuerTokenDecoder(keys, issuer,
				new DelegatingOAuth2TokenValidator<>(new TokenStandingValidator(standing, true), presentation),
				clockSkew);
	}

	private static JwtDecoder issuerTokenDecoder(SigningKeys keys, String issuer, OAuth2TokenValidator<Jwt> standing,
			Duration clockSkew) {
		return IssuedTokenDecoders.create(keys, new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(clockSkew),
				new JwtIssuerValidator(issuer), new JwtAudienceValidator(issuer), standing));
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		if (token.getClaims().containsKey("cnf") && !(this.acceptsDPoPBound && isDPoPBound(token))) {
			// sender-constrained tokens whose binding is not verified here: refuse, never downgrade
			return failure("sender-constrained tokens of this kind are not accepted here");
		}
		TokenStanding.Standing result = this.standing.of(token.getClaimAsString("client_id"), token.getId(),
				token.getIssuedAt());
		return result.good() ? OAuth2TokenValidatorResult.success()
				: failure("the token is no longer in good standing (" + result.name().toLowerCase() + ")");
	}

	private static boolean isDPoPBound(Jwt token) {
		Object cnf = token.getClaims().get("cnf");
		return cnf instanceof java.util.Map<?, ?> confirmation && confirmation.size() == 1
				&& confirmation.containsKey("jkt");
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
	}

}
