package io.keyfleet.auth.admin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.keyfleet.auth.client.InvalidRegistrationException;

/**
 * The opaque {@code cursor} of paged listings: base64url of {@code v1:<sequence>}, the
 * creation sequence of the last item (client, enrollment group) on the previous page.
 */
final class PageCursor {

	private static final int MAX_LIMIT = 1000;

	private PageCursor() {
	}

	/** The {@code limit} query parameter: 1 to 1000. */
	static int limit(String limit) {
		try {
			int value = Integer.parseInt(limit);
			if (value >= 1 && value <= MAX_LIMIT) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// fall through
		}
		throw new InvalidRegistrationException("limit", "must be an integer from 1 to " + MAX_LIMIT);
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
