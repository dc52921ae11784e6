package io.keyfleet.sim.load;

import java.net.URI;

/**
 * The request of {@code load --call}: request line and headers built once, the access
 * token added per request as a bearer token.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-2.1">RFC 6750 Section 2.1</a>
 */
final class CallRequest {

	private final String head;

	private final boolean sendsBody;

	CallRequest(String method, URI url) {
		String path = ((url.getRawPath() == null || url.getRawPath().isEmpty()) ? "/" : url.getRawPath())
				+ ((url.getRawQuery() != null) ? "?" + url.getRawQuery() : "");
		this.head = method + " " + path + " HTTP/1.1\r\nHost: " + url.getRawAuthority()
				+ "\r\nAccept: application/json\r\nAuthorization: Bearer ";
		this.sendsBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
	}

	void write(AsciiBuffer request, String accessToken) {
		request.reset().append(this.head).append(accessToken).append("\r\n");
		if (this.sendsBody) {
			request.append("Content-Length: 0\r\n");
		}
		request.append("\r\n");
	}

}
