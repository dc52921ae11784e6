package io.keyfleet.auth.token;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server-provided DPoP nonces (RFC 9449 §8) that need no storage: a nonce is a time window
 * number and an HMAC of it under a key every node derives from the key-encryption key, so
 * any node accepts the nonces of any other. A nonce is good in its window and the next,
 * i.e. for one to two lifetimes.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9449#section-8">RFC 9449 §8</a>
 */
public final class DPoPNonces {

	private static final int TAG_BYTES = 16;

	private final byte[] key;

	private final Duration lifetime;

	private final Clock clock;

	public DPoPNonces(byte[] key, Duration lifetime, Clock clock) {
		this.key = key.clone();
		this.lifetime = lifetime;
		this.clock = clock;
	}

	/** A nonce for the current window. */
	public String issue() {
		return encode(window());
	}

	public boolean isValid(String nonce) {
		if (nonce == null || nonce.length() > 64) {
			return false;
		}
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(nonce);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		if (bytes.length != Long.BYTES + TAG_BYTES) {
			return false;
		}
		long window = ByteBuffer.wrap(bytes, 0, Long.BYTES).getLong();
		long now = window();
		if (window != now && window != now - 1) {
			return false;
		}
		return MessageDigest.isEqual(Arrays.copyOfRange(bytes, Long.BYTES, bytes.length), tag(window));
	}

	private long window() {
		return this.clock.millis() / this.lifetime.toMillis();
	}

	private String encode(long window) {
		ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES + TAG_BYTES).putLong(window).put(tag(window));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
	}

	private byte[] tag(long window) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			return Arrays.copyOf(mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(window).array()), TAG_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
