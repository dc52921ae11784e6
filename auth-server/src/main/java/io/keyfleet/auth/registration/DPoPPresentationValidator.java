package io.keyfleet.auth.registration;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A DPoP-bound token ({@code cnf.jkt}) counts only when presented with the {@code DPoP}
 * scheme (RFC 9449 §7.1), which is where Spring's {@code DPoPAuthenticationProvider}
 * checks the proof against the token's key; sent as {@code Bearer} it would skip that
 * check, so it is refused. Without a request to look at, refused as well (fail closed).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9449#section-7.1">RFC 9449 §7.1</a>
 */
final class DPoPPresentationValidator implements OAuth2TokenValidator<Jwt> {

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		if (!(token.getClaims().get("cnf") instanceof Map<?, ?> cnf) || !cnf.containsKey("jkt")) {
			return OAuth2TokenValidatorResult.success();
		}
		String authorization = (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
				? attributes.getRequest().getHeader(HttpHeaders.AUTHORIZATION) : null;
		if (authorization != null && authorization.regionMatches(true, 0, "DPoP ", 0, 5)) {
			return OAuth2TokenValidatorResult.success();
		}
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
				"a DPoP-bound token must be sent with the DPoP scheme and a proof", null));
	}

}
