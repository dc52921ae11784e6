package io.keyfleet.sim.attack;

import java.util.Map;

/**
 * What the server answered one request of an attack: the HTTP status, the OAuth error code
 * (RFC 6749 Section 5.2) when the body had one, the {@code Retry-After} header, and the
 * body's members.
 *
 * @param status the HTTP status
 * @param error the {@code error} member, or {@code null}
 * @param retryAfter the {@code Retry-After} header, or {@code null}
 * @param body the JSON body's members, empty when the body was not a JSON object
 */
public record Observed(int status, String error, String retryAfter, Map<String, Object> body) {

	/**
	 * @return the issued access token, or {@code null}
	 */
	public String accessToken() {
		return (this.status == 200 && this.body.get("access_token") instanceof String token) ? token : null;
	}

	/**
	 * @return e.g. {@code HTTP 401 invalid_client}, or {@code HTTP 200 (token issued)}
	 */
	public String describe() {
		if (accessToken() != null) {
			return "HTTP 200 (token issued)";
		}
		return "HTTP " + this.status + ((this.error != null) ? " " + this.error : " (no OAuth error code)");
	}

}
