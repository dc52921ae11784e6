package io.keyfleet.sim.load;

/**
 * The token endpoint's answer to one request of a {@link SourcedClient}: the HTTP status
 * and, per RFC 6749 Sections 5.1 and 5.2, the access token or the error code.
 *
 * @param status the HTTP status, or 0 when no answer came (connection failed)
 * @param error the {@code error} member, or for status 0 a short description of the failure
 * @param accessToken the access token, or {@code null}
 */
public record TokenAnswer(int status, String error, String accessToken) {

	/**
	 * @return whether a token was issued
	 */
	public boolean issued() {
		return this.status == 200 && this.accessToken != null;
	}

	/**
	 * @return e.g. {@code HTTP 401 invalid_client}; never the token
	 */
	public String describe() {
		if (issued()) {
			return "HTTP 200 (token issued)";
		}
		if (this.status == 0) {
			return "no answer (" + this.error + ")";
		}
		return "HTTP " + this.status + ((this.error != null) ? " " + this.error : "");
	}

	/** Never prints the token. */
	@Override
	public String toString() {
		return "TokenAnswer[" + describe() + "]";
	}

}
