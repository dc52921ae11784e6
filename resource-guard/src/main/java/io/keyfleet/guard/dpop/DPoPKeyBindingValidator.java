package io.keyfleet.guard.dpop;

import java.util.Map;

import com.nimbusds.jose.jwk.JWK;

import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A DPoP proof's key is the one the access token is bound to: the JWK SHA-256 thumbprint
 * (RFC 7638) of the proof's {@code jwk} header equals the token's {@code cnf.jkt}. Runs
 * before Spring Security's own proof checks, so that a proof made with another key — a
 * stolen token used with the thief's key — is answered {@code invalid_token} (the token is
 * not usable by this caller), while a broken proof stays {@code invalid_dpop_proof}. A
 * proof whose {@code jwk} cannot be read is left to Spring's checks.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc9449#section-7.1">RFC 9449
 * Section 7.1 DPoP Authentication Scheme</a>
 */
final class DPoPKeyBindingValidator implements OAuth2TokenValidator<Jwt> {

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc9449#section-7.1";

	private final OAuth2Token accessToken;

	DPoPKeyBindingValidator(OAuth2Token accessToken) {
		this.accessToken = accessToken;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt proof) {
		Object boundKey = boundKey();
		if (boundKey == null) {
			return failure("the access token is not DPoP-bound");
		}
		String thumbprint;
		try {
			@SuppressWarnings("unchecked")
			Map<String, Object> jwk = (Map<String, Object>) proof.getHeaders().get("jwk");
			thumbprint = JWK.parse(jwk).computeThumbprint().toString();
		}
		catch (Exception ex) {
			return OAuth2TokenValidatorResult.success();
		}
		if (!thumbprint.equals(boundKey)) {
			return failure("the DPoP proof is signed with another key than the one the token is bound to");
		}
		return OAuth2TokenValidatorResult.success();
	}

	private Object boundKey() {
		if (this.accessToken instanceof org.springframework.security.oauth2.core.ClaimAccessor claims) {
			Map<String, Object> confirmation = claims.getClaimAsMap("cnf");
			return (confirmation != null) ? confirmation.get("jkt") : null;
		}
		return null;
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult
			.failure(new GuardDPoPError(OAuth2ErrorCodes.INVALID_TOKEN, description, ERROR_URI));
	}

}
