package io.keyfleet.auth.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Server-generated client secrets: 256 random bits, base64url (43 characters). Because
 * they are high-entropy keys and not passwords, a single SHA-256 is the right hash —
 * brute force of 2^256 needs no key stretching — and it costs ~1 µs where bcrypt costs
 * ~70 ms (PERFORMANCE.md).
 */
public final class ClientSecrets {

	private static final String HASH_PREFIX = "sha256:";

	private static final SecureRandom RANDOM = new SecureRandom();

	private ClientSecrets() {
	}

	public static String generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** {@code sha256:<base64url digest>}. */
	public static String hash(String secret) {
		return HASH_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest(secret));
	}

	/** Constant-time comparison of a presented secret with a stored hash. */
	public static boolean matches(String presented, String storedHash) {
		if (presented == null || storedHash == null || !storedHash.startsWith(HASH_PREFIX)) {
			return false;
		}
		byte[] expected;
		try {
			expected = Base64.getUrlDecoder().decode(storedHash.substring(HASH_PREFIX.length()));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return MessageDigest.isEqual(digest(presented), expected);
	}

	private static byte[] digest(String secret) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
