package io.keyfleet.auth.admin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.keyfleet.auth.client.InvalidRegistrationException;

/**
 * The opaque {@code cursor} of paged listings: base64url of {@code v1:<sequence>}, the
 * creation sequence of the last client on the previous page.
 */
final class PageCursor {

	private PageCursor() {
	}

	static String encode(Long afterSequence) {
		if (afterSequence == null) {
			return null;
		}
		return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + afterSequence).getBytes(StandardCharsets.US_ASCII));
	}

	static long decode(String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return 0;
		}
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
			if (text.startsWith("v1:")) {
				long sequence = Long.parseLong(text.substring(3));
				if (sequence >= 0) {
					return sequence;
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// fall through
		}
		throw new InvalidRegistrationException("cursor", "is not a cursor this server returned");
	}

}
