package io.keyfleet.guard.dpop;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.resource.web.authentication.DPoPAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Spring Security's {@link DPoPAuthenticationConverter}, except that a request with the
 * {@code DPoP} scheme but no (or more than one) {@code DPoP} header is
 * {@code invalid_dpop_proof} rather than {@code invalid_request}: the token is there, its
 * proof is not (RFC 9449 Section 7.1, CONTRACT.md "Resource servers").
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc9449#section-7.1">RFC 9449
 * Section 7.1 DPoP Authentication Scheme</a>
 */
public final class DPoPProofAuthenticationConverter implements AuthenticationConverter {

	private final DPoPAuthenticationConverter delegate = new DPoPAuthenticationConverter();

	@Override
	public @Nullable Authentication convert(HttpServletRequest request) {
		try {
			return this.delegate.convert(request);
		}
		catch (OAuth2AuthenticationException ex) {
			boolean oneAuthorization = countHeaders(request, HttpHeaders.AUTHORIZATION) == 1;
			if (OAuth2ErrorCodes.INVALID_REQUEST.equals(ex.getError().getErrorCode()) && oneAuthorization) {
				int proofs = countHeaders(request, "DPoP");
				throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_DPOP_PROOF,
						(proofs == 0) ? "DPoP proof is missing" : "more than one DPoP proof", null), ex);
			}
			throw ex;
		}
	}

	private static int countHeaders(HttpServletRequest request, String name) {
		int count = 0;
		for (var values = request.getHeaders(name); values.hasMoreElements(); values.nextElement()) {
			count++;
		}
		return count;
	}

}
