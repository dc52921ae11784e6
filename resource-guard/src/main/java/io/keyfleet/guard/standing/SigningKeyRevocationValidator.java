package io.keyfleet.guard.standing;

import io.keyfleet.guard.state.GuardKeys;
import io.keyfleet.guard.state.GuardStateCache;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;

/**
 * Refuses a token signed by a key the issuer revoked as compromised
 * ({@code <p>signing-key-revoked:<kid>} exists). The issuer drops such a key from its JWKS
 * at once, but a resource server keeps its copy of the JWK Set for minutes (RFC 7517
 * Section 5 says nothing of how long a copy may be kept); this check makes the withdrawal
 * take effect within the same bound as any other revocation.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7515#section-4.1.4">RFC 7515 Section
 * 4.1.4 "kid" (Key ID) Header Parameter</a>
 */
public final class SigningKeyRevocationValidator implements OAuth2TokenValidator<Jwt> {

	private final GuardStateCache state;

	private final GuardKeys keys;

	public SigningKeyRevocationValidator(GuardStateCache state, GuardKeys keys) {
		Assert.notNull(state, "state cannot be null");
		Assert.notNull(keys, "keys cannot be null");
		this.state = state;
		this.keys = keys;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		Object kid = token.getHeaders().get("kid");
		if (kid == null) {
			// the signature was verified with a key from the JWK Set; a key without kid is
			// not one Keyfleet publishes (CONTRACT "JWKS"), so there is nothing to look up
			return OAuth2TokenValidatorResult.success();
		}
		if (this.state.get(this.keys.signingKeyRevoked(kid.toString())) != null) {
			return StandingErrors.invalidToken("signing_key_revoked", "the key that signed the token was revoked");
		}
		return OAuth2TokenValidatorResult.success();
	}

}
