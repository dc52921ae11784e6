package io.keyfleet.sim.load;

import java.nio.charset.StandardCharsets;

/**
 * The parts of an HTTP/1.1 response the load generator looks at.
 *
 * @param status the status code
 * @param body the body bytes (decoded from chunked transfer coding)
 * @param retryAfter the {@code Retry-After} header, or {@code null}
 * @param close whether the server closes the connection after it
 */
record Http1Response(int status, byte[] body, String retryAfter, boolean close) {

	String bodyText() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	/**
	 * The value of a top-level JSON string member, found by a plain scan (the token
	 * endpoint's answers are flat JSON objects, RFC 6749 Sections 5.1 and 5.2); cheap
	 * enough for every response of a load run.
	 * @param name the member name, e.g. {@code access_token} or {@code error}
	 * @return the value, or {@code null} when absent or not a plain string
	 */
	String jsonString(String name) {
		String text = bodyText();
		String key = "\"" + name + "\"";
		int at = text.indexOf(key);
		if (at < 0) {
			return null;
		}
		int colon = text.indexOf(':', at + key.length());
		if (colon < 0) {
			return null;
		}
		int start = colon + 1;
		while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
			start++;
		}
		if (start >= text.length() || text.charAt(start) != '"') {
			return null;
		}
		int end = text.indexOf('"', start + 1);
		if (end < 0 || text.lastIndexOf('\\', end) > start) {
			return null;
		}
		return text.substring(start + 1, end);
	}

}
