package io.keyfleet.sim.attest;

import java.net.MalformedURLException;
import java.net.URI;

import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import io.keyfleet.sim.HttpTransport;
import io.keyfleet.sim.JsonOutput;
import io.keyfleet.sim.SimException;
import tools.jackson.databind.JsonNode;

/**
 * Gets attestation challenges: {@code POST} to the {@code challenge_endpoint} of the
 * server's RFC 8414 metadata, no client authentication, answer
 * {@code {"attestation_challenge": "<base64url>", "expires_in": 300}} (shape of
 * draft-ietf-oauth-attestation-based-client-auth). The challenge becomes the evidence's
 * {@code eat_nonce}: the Verifier's nonce that proves the evidence fresh (RFC 9334 Section
 * 10.2).
 */
public final class ChallengeClient {

	/** The metadata member of the challenge endpoint (CONTRACT "Metadata"). */
	public static final String METADATA_NAME = "challenge_endpoint";

	private final HttpTransport http;

	private final URI endpoint;

	public ChallengeClient(HttpTransport http, URI endpoint) {
		this.http = http;
		this.endpoint = endpoint;
	}

	/**
	 * @param metadata the server's metadata
	 * @return its challenge endpoint
	 * @throws SimException when the metadata names none
	 */
	public static URI endpoint(AuthorizationServerMetadata metadata) {
		URI endpoint = metadata.getCustomURIParameter(METADATA_NAME);
		if (endpoint == null) {
			throw new SimException("the server metadata has no " + METADATA_NAME + ": it does not take attestation");
		}
		return endpoint;
	}

	/**
	 * @return a fresh challenge
	 * @throws SimException when the server gave none
	 */
	public String challenge() {
		HTTPRequest request;
		try {
			request = new HTTPRequest(HTTPRequest.Method.POST, this.endpoint.toURL());
		}
		catch (MalformedURLException | IllegalArgumentException ex) {
			throw new SimException("invalid " + METADATA_NAME + " " + this.endpoint, ex);
		}
		request.setHeader("Accept", "application/json");
		HTTPResponse response = this.http.send(request);
		String challenge = null;
		try {
			JsonNode body = JsonOutput.parse((response.getBody() != null) ? response.getBody() : "");
			challenge = (body != null) ? body.path("attestation_challenge").asString(null) : null;
		}
		catch (RuntimeException ex) {
			// not JSON: reported below
		}
		if (response.getStatusCode() != 200 || challenge == null || challenge.isEmpty()) {
			throw new SimException("the challenge endpoint answered HTTP " + response.getStatusCode()
					+ " without an attestation_challenge");
		}
		return challenge;
	}

}
