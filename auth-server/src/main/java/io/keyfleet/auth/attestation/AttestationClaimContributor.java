package io.keyfleet.auth.attestation;

import java.time.Instant;

import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;

import io.keyfleet.auth.token.ClaimContributor;

/**
 * Writes the attestation result of the token request into the token: the {@code att}
 * claim {@code {status, fmt, iat, exp}} (CONTRACT "Access token"), and an {@code exp} no
 * later than the result's, so that no token outlives the appraisal it rests on. A result
 * of a max-age-0 policy lives exactly as long as its token.
 */
public final class AttestationClaimContributor implements ClaimContributor {

	@Override
	public void contribute(JwtEncodingContext context) {
		AttestationResult result = AttestationRequestCheck.current();
		if (result == null) {
			return;
		}
		context.getClaims().claims(claims -> {
			Instant expiresAt = (Instant) claims.get("exp");
			if (result.expiresAtMs() != null) {
				// NumericDate is whole seconds: round down so exp never passes the result's
				Instant resultExpiry = Instant.ofEpochSecond(result.expiresAtMs() / 1000);
				if (expiresAt == null || resultExpiry.isBefore(expiresAt)) {
					expiresAt = resultExpiry;
					claims.put("exp", expiresAt);
				}
			}
			claims.put("att", result.claim(expiresAt.getEpochSecond()));
		});
	}

}
