package io.keyfleet.auth.clientauth;

import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * Reads the claimed subject of a client assertion <em>without</em> verifying it — only
 * to know which client's keys to verify it with, or which client's rate limit to charge.
 * Nothing is trusted until the signature has been checked against that client's keys.
 * Only the payload is decoded: this runs on every token request, before authentication.
 */
public final class UnverifiedAssertion {

	private static final int MAX_ASSERTION_LENGTH = 16 * 1024;

	private UnverifiedAssertion() {
	}

	/** The {@code sub} (else {@code iss}) of a compact JWS, or null when it cannot be read. */
	public static String claimedClientId(String assertion) {
		if (assertion == null || assertion.length() > MAX_ASSERTION_LENGTH) {
			return null;
		}
		int first = assertion.indexOf('.');
		int second = (first < 0) ? -1 : assertion.indexOf('.', first + 1);
		if (second < 0) {
			return null;
		}
		try {
			Map<String, Object> claims = JSONObjectUtils
				.parse(new Base64URL(assertion.substring(first + 1, second)).decodeToString());
			Object subject = claims.get("sub");
			Object claimed = (subject != null) ? subject : claims.get("iss");
			return (claimed instanceof String id) ? id : null;
		}
		catch (ParseException | RuntimeException ex) {
			return null;
		}
	}

}
