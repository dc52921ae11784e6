package io.keyfleet.auth.clientauth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * Which client a request <em>claims</em> to come from, before it is authenticated: the
 * user part of HTTP Basic (RFC 6749 §2.3.1), the {@code client_id} parameter, or the
 * {@code sub} of a client assertion. Used to charge the right rate limit (so brute-forcing
 * one client's secret hits that client's limit) and to name the client in audit lines —
 * never to authorize anything.
 */
public final class ClaimedClientId {

	private ClaimedClientId() {
	}

	private static final String ATTRIBUTE = ClaimedClientId.class.getName();

	private static final String NONE = "";

	/** The claimed client id, or null when the request names none; worked out once per request. */
	public static String of(HttpServletRequest request) {
		Object known = request.getAttribute(ATTRIBUTE);
		if (known instanceof String id) {
			return (id == NONE) ? null : id;
		}
		String id = find(request);
		request.setAttribute(ATTRIBUTE, (id != null) ? id : NONE);
		return id;
	}

	private static String find(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				if (colon > 0) {
					return URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
				}
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}
		String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
		if (clientId != null) {
			return clientId;
		}
		return UnverifiedAssertion.claimedClientId(request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION));
	}

}
