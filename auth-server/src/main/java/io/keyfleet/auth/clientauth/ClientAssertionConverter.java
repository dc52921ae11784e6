package io.keyfleet.auth.clientauth;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads a JWT client assertion (RFC 7523 §2.2) where {@code client_id} is absent. RFC
 * 7521 §4.2 makes {@code client_id} optional and certified clients (the Nimbus SDK among
 * them) leave it out, but Spring's converter requires it; this converter takes the client
 * from the assertion's {@code sub} instead — the provider then verifies that the
 * signature, {@code iss} and {@code sub} all belong to that client. With a
 * {@code client_id} present it returns null and Spring's converter handles the request.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7521#section-4.2">RFC 7521 §4.2</a>
 */
public final class ClientAssertionConverter implements AuthenticationConverter {

	static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	private static final ClientAuthenticationMethod METHOD = new ClientAuthenticationMethod(JWT_BEARER);

	@Override
	public Authentication convert(HttpServletRequest request) {
		Map<String, String[]> parameters = request.getParameterMap();
		String[] assertion = parameters.get(OAuth2ParameterNames.CLIENT_ASSERTION);
		String[] type = parameters.get(OAuth2ParameterNames.CLIENT_ASSERTION_TYPE);
		if (assertion == null || type == null || parameters.containsKey(OAuth2ParameterNames.CLIENT_ID)
				|| inQueryString(request)) {
			return null;
		}
		if (assertion.length != 1 || type.length != 1) {
			throw invalidRequest("client_assertion and client_assertion_type must appear once");
		}
		if (!JWT_BEARER.equals(type[0])) {
			return null;
		}
		// the client the assertion names (sub, else iss), as worked out for the rate limit
		String clientId = ClaimedClientId.of(request);
		if (clientId == null) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
					"client_assertion is not a JWT with a sub claim", "https://www.rfc-editor.org/rfc/rfc7523#section-3"));
		}
		return new OAuth2ClientAuthenticationToken(clientId, METHOD, assertion[0], Map.of());
	}

	/** Credentials belong in the form body (RFC 6749 §2.3.1), never in the URL. */
	private static boolean inQueryString(HttpServletRequest request) {
		String query = request.getQueryString();
		return query != null && query.contains(OAuth2ParameterNames.CLIENT_ASSERTION);
	}

	private static OAuth2AuthenticationException invalidRequest(String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description,
				"https://www.rfc-editor.org/rfc/rfc6749#section-5.2"));
	}

}
