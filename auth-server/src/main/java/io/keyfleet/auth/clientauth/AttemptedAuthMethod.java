package io.keyfleet.auth.clientauth;

import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * Which client authentication method (RFC 7591 §2 {@code token_endpoint_auth_method}
 * names) a request <em>tried</em>, read from its shape only — for the {@code auth_method}
 * of a {@code token.refused} event, never to authenticate. A client assertion signed with
 * an HMAC is {@code client_secret_jwt}, any other {@code private_key_jwt} (RFC 7523); a
 * TLS client certificate alone is {@code tls_client_auth} (RFC 8705 §2; the self-signed
 * variant cannot be told apart without the registration).
 */
public final class AttemptedAuthMethod {

	private static final int MAX_ASSERTION_LENGTH = 16 * 1024;

	private AttemptedAuthMethod() {
	}

	/** The method's name, or null when the request shows none. */
	public static String of(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
			return "client_secret_basic";
		}
		String assertion = request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION);
		if (assertion != null) {
			return hmacSigned(assertion) ? "client_secret_jwt" : "private_key_jwt";
		}
		if (request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null) {
			return "client_secret_post";
		}
		if (request.getAttribute(PresentedCertificate.ATTRIBUTE) != null) {
			return "tls_client_auth";
		}
		return null;
	}

	private static boolean hmacSigned(String assertion) {
		int dot = assertion.indexOf('.');
		if (dot < 0 || assertion.length() > MAX_ASSERTION_LENGTH) {
			return false;
		}
		try {
			Map<String, Object> jose = JSONObjectUtils.parse(new Base64URL(assertion.substring(0, dot)).decodeToString());
			return (jose.get("alg") instanceof String alg) && alg.startsWith("HS");
		}
		catch (ParseException | RuntimeException ex) {
			return false;
		}
	}

}
