package io.keyfleet.sim.rotation;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.common.contenttype.ContentType;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import io.keyfleet.sim.JsonOutput;

import io.keyfleet.sim.HttpTransport;
import io.keyfleet.sim.SimException;

/**
 * The device's side of the client configuration endpoint (RFC 7592 §2): read the
 * registration's metadata, send it back with a new {@code jwks} and the proofs of the new
 * keys. Authenticated by an access token of the device for the issuer.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7592#section-2">RFC 7592 Section 2</a>
 */
final class ClientConfigurationClient {

	private final HttpTransport http;

	ClientConfigurationClient(HttpTransport http) {
		this.http = http;
	}

	/** RFC 7592 §2.1. */
	Map<String, Object> read(URI configurationUri, String accessToken) {
		HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, url(configurationUri));
		request.setAuthorization("Bearer " + accessToken);
		return answer(configurationUri, this.http.send(request));
	}

	/** RFC 7592 §2.2: the full metadata, without the members the server manages. */
	Map<String, Object> update(URI configurationUri, String accessToken, Map<String, Object> metadata) {
		HTTPRequest request = new HTTPRequest(HTTPRequest.Method.PUT, url(configurationUri));
		request.setAuthorization("Bearer " + accessToken);
		request.setEntityContentType(ContentType.APPLICATION_JSON);
		Map<String, Object> body = new LinkedHashMap<>(metadata);
		body.remove("registration_client_uri");
		body.remove("client_id_issued_at");
		request.setBody(JsonOutput.compact(body));
		return answer(configurationUri, this.http.send(request));
	}

	private static Map<String, Object> answer(URI uri, HTTPResponse response) {
		Map<String, Object> body;
		try {
			body = response.getBodyAsJSONObject();
		}
		catch (ParseException ex) {
			throw new SimException(uri + " answered HTTP " + response.getStatusCode() + " without a JSON object", ex);
		}
		if (response.getStatusCode() != 200) {
			throw new SimException(uri + " answered HTTP " + response.getStatusCode() + " " + body.get("error")
					+ ((body.get("error_description") != null) ? ": " + body.get("error_description") : ""));
		}
		return body;
	}

	private static URL url(URI uri) {
		try {
			return uri.toURL();
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new SimException("not a URL: " + uri, ex);
		}
	}

}
