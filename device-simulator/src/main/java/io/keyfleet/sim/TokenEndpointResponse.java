package io.keyfleet.sim;

import java.net.URI;
import java.util.Map;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;

/**
 * What the token endpoint answered: a successful access token response (RFC 6749 Section
 * 5.1) or an OAuth error response (Section 5.2), with the JSON body exactly as sent. Any
 * other answer (HTML, an empty body, a 200 without {@code access_token}) is not an OAuth
 * answer and is refused with a {@link SimException}.
 *
 * @param tokenEndpoint where the request went
 * @param status the HTTP status
 * @param body the JSON object the server sent
 * @param success the parsed success response, or {@code null} on error
 * @param error the parsed error response, or {@code null} on success
 */
public record TokenEndpointResponse(URI tokenEndpoint, int status, Map<String, Object> body,
		AccessTokenResponse success, TokenErrorResponse error) {

	public boolean isSuccess() {
		return this.success != null;
	}

	/**
	 * @param tokenEndpoint where the request went
	 * @param response the HTTP response
	 * @return the token endpoint response
	 * @throws SimException when the answer is not an OAuth token or error response
	 */
	public static TokenEndpointResponse parse(URI tokenEndpoint, HTTPResponse response) {
		int status = response.getStatusCode();
		Map<String, Object> body;
		try {
			body = response.getBodyAsJSONObject();
		}
		catch (ParseException ex) {
			throw new SimException("the token endpoint answered HTTP " + status + " without a JSON object body ("
					+ contentType(response) + "); not an OAuth response", ex);
		}
		try {
			if (status == 200) {
				return new TokenEndpointResponse(tokenEndpoint, status, body, AccessTokenResponse.parse(response),
						null);
			}
			if (!(body.get("error") instanceof String)) {
				throw new SimException("the token endpoint answered HTTP " + status
						+ " with a JSON body that has no \"error\" (RFC 6749 section 5.2)");
			}
			return new TokenEndpointResponse(tokenEndpoint, status, body, null, TokenErrorResponse.parse(response));
		}
		catch (ParseException ex) {
			throw new SimException("the token endpoint answered HTTP " + status
					+ " with an invalid token response: " + ex.getMessage(), ex);
		}
	}

	private static String contentType(HTTPResponse response) {
		String contentType = response.getHeaderValue("Content-Type");
		return (contentType != null) ? "Content-Type " + contentType : "no Content-Type";
	}

}
