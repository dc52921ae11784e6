package io.keyfleet.auth.clientauth;

import java.text.ParseException;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;

/**
 * Reads the claimed subject of a client assertion <em>without</em> verifying it — only
 * to know which client's keys to verify it with, or which client's rate limit to charge.
 * Nothing is trusted until the signature has been checked against that client's keys.
 */
public final class UnverifiedAssertion {

	private static final int MAX_ASSERTION_LENGTH = 16 * 1024;

	private UnverifiedAssertion() {
	}

	/** The {@code sub} (else {@code iss}) of a JWT, or null when it cannot be read. */
	public static String claimedClientId(String assertion) {
		if (assertion == null || assertion.length() > MAX_ASSERTION_LENGTH) {
			return null;
		}
		try {
			JWT jwt = JWTParser.parse(assertion);
			var claims = jwt.getJWTClaimsSet();
			return (claims.getSubject() != null) ? claims.getSubject() : claims.getIssuer();
		}
		catch (ParseException | RuntimeException ex) {
			return null;
		}
	}

}
