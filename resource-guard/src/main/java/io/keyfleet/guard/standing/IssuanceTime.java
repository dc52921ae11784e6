package io.keyfleet.guard.standing;

import java.time.Instant;
import java.util.UUID;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * When a token was issued, to the millisecond, for the kill-switch and step-up
 * comparisons: the timestamp of its UUIDv7 {@code jti} (RFC 9562 Section 5.7: the first
 * 48 bits are Unix milliseconds), else {@code iat × 1000} (docs/guard-state.md). The
 * second-precision {@code iat} alone would let a token issued in the same second as a
 * kill switch, but before it, live on.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc9562#section-5.7">RFC 9562
 * Section 5.7 UUID Version 7</a>
 */
public final class IssuanceTime {

	private IssuanceTime() {
	}

	/**
	 * @param token the access token
	 * @return epoch milliseconds, or {@code 0} when the token says nothing about it (so
	 * that no kill switch or step-up can be passed)
	 */
	public static long millis(Jwt token) {
		String jti = token.getId();
		if (jti != null && jti.length() == 36) {
			try {
				UUID uuid = UUID.fromString(jti);
				if (uuid.version() == 7 && uuid.variant() == 2) {
					return uuid.getMostSignificantBits() >>> 16;
				}
			}
			catch (IllegalArgumentException ex) {
				// not a UUID: fall back to iat
			}
		}
		Instant issuedAt = token.getIssuedAt();
		return (issuedAt != null) ? issuedAt.getEpochSecond() * 1000 : 0;
	}

}
