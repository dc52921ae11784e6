package io.keyfleet.auth.token;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Access-token {@code jti}s are UUIDv7 (RFC 9562 §5.7): 48 bits of Unix milliseconds,
 * then 74 random bits. The embedded millisecond is the token's issuance time at full
 * precision, which is what kill switches are compared with (CONTRACT: "compare at
 * millisecond precision, not by {@code iat} seconds alone").
 */
public final class TokenIds {

	private static final SecureRandom RANDOM = new SecureRandom();

	private TokenIds() {
	}

	public static String newId(Instant issuedAt) {
		byte[] random = new byte[10];
		RANDOM.nextBytes(random);
		long ms = issuedAt.toEpochMilli();
		long high = (ms << 16) | 0x7000L | ((random[0] & 0x0fL) << 8) | (random[1] & 0xffL);
		long low = 0x8000000000000000L | ((random[2] & 0x3fL) << 56);
		for (int i = 3; i < 10; i++) {
			low |= (random[i] & 0xffL) << (8 * (9 - i));
		}
		return new UUID(high, low).toString();
	}

	/**
	 * The issuance time in epoch milliseconds of a Keyfleet {@code jti}, or
	 * {@code fallbackMs} when the id is not a UUIDv7.
	 */
	public static long issuedAtMillis(String jti, long fallbackMs) {
		if (jti == null || jti.length() != 36) {
			return fallbackMs;
		}
		try {
			UUID uuid = UUID.fromString(jti);
			if (uuid.version() != 7) {
				return fallbackMs;
			}
			return uuid.getMostSignificantBits() >>> 16;
		}
		catch (IllegalArgumentException ex) {
			return fallbackMs;
		}
	}

}
