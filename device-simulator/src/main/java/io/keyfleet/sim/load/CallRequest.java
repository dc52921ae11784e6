package io.keyfleet.sim.load;

import java.net.URI;

import io.keyfleet.sim.binding.DPoPProofs;

/**
 * The request of {@code load --call}: request line and headers built once, the access
 * token added per request as a bearer token, or as a DPoP-bound token with a fresh proof
 * (its {@code ath} is the token's hash).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-2.1">RFC 6750 Section 2.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9449#section-7.1">RFC 9449 Section 7.1</a>
 */
final class CallRequest {

	private final String head;

	private final boolean sendsBody;

	private final String method;

	private final URI url;

	CallRequest(String method, URI url) {
		this.method = method;
		this.url = url;
		String path = ((url.getRawPath() == null || url.getRawPath().isEmpty()) ? "/" : url.getRawPath())
				+ ((url.getRawQuery() != null) ? "?" + url.getRawQuery() : "");
		this.head = method + " " + path + " HTTP/1.1\r\nHost: " + url.getRawAuthority()
				+ "\r\nAccept: application/json\r\nAuthorization: ";
		this.sendsBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
	}

	/**
	 * @param request the request buffer, reset here
	 * @param accessToken the access token
	 * @param dpop the device's DPoP proofs for a DPoP-bound token, or {@code null} for a bearer token
	 */
	void write(AsciiBuffer request, String accessToken, DPoPProofs dpop) {
		request.reset().append(this.head);
		if (dpop != null) {
			request.append("DPoP ").append(accessToken).append("\r\nDPoP: ")
				.append(dpop.forResource(this.method, this.url, accessToken, null)).append("\r\n");
		}
		else {
			request.append("Bearer ").append(accessToken).append("\r\n");
		}
		if (this.sendsBody) {
			request.append("Content-Length: 0\r\n");
		}
		request.append("\r\n");
	}

}
