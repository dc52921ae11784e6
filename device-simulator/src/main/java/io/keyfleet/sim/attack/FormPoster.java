package io.keyfleet.sim.attack;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import io.keyfleet.sim.HttpTransport;
import io.keyfleet.sim.JsonOutput;
import io.keyfleet.sim.SimException;
import tools.jackson.databind.JsonNode;

/**
 * Posts whatever form an attacker chooses to an OAuth endpoint and records the answer as
 * it is ({@link Observed}): status, {@code error}, {@code Retry-After}, and the JSON
 * members when the body is a JSON object. Nothing is interpreted here: the scenarios judge.
 */
final class FormPoster {

	private final HttpTransport http;

	FormPoster(HttpTransport http) {
		this.http = http;
	}

	/**
	 * @param endpoint where to post
	 * @param form the form parameters (application/x-www-form-urlencoded)
	 * @param authorization the {@code Authorization} header, or {@code null}
	 * @return the answer
	 */
	Observed post(URI endpoint, Map<String, List<String>> form, String authorization) {
		return post(endpoint, form, authorization, Map.of());
	}

	/**
	 * @param endpoint where to post
	 * @param form the form parameters (application/x-www-form-urlencoded)
	 * @param authorization the {@code Authorization} header, or {@code null}
	 * @param headers more headers, e.g. {@code DPoP} or a forged {@code Client-Cert}
	 * @return the answer
	 */
	Observed post(URI endpoint, Map<String, List<String>> form, String authorization, Map<String, String> headers) {
		if (endpoint == null) {
			throw new SimException("the server metadata lacks an endpoint this attack needs");
		}
		HTTPRequest request;
		try {
			request = new HTTPRequest(HTTPRequest.Method.POST, endpoint.toURL());
		}
		catch (MalformedURLException ex) {
			throw new SimException("invalid endpoint " + endpoint, ex);
		}
		request.setHeader("Content-Type", "application/x-www-form-urlencoded");
		request.setHeader("Accept", "application/json");
		if (authorization != null) {
			request.setAuthorization(authorization);
		}
		headers.forEach(request::setHeader);
		request.setBody(URLUtils.serializeParameters(form));
		HTTPResponse response = this.http.send(request);
		Map<String, Object> body = new LinkedHashMap<>();
		try {
			JsonNode json = JsonOutput.parse((response.getBody() != null) ? response.getBody() : "");
			if (json != null && json.isObject()) {
				json.properties().forEach((entry) -> body.put(entry.getKey(),
						entry.getValue().isString() ? entry.getValue().asString()
								: entry.getValue().isBoolean() ? (Object) entry.getValue().asBoolean()
										: entry.getValue().toString()));
			}
		}
		catch (RuntimeException ex) {
			// not JSON: judged on the status alone
		}
		Object error = body.get("error");
		return new Observed(response.getStatusCode(), (error instanceof String code) ? code : null,
				response.getHeaderValue("Retry-After"), body);
	}

	/**
	 * @param clientId the client id
	 * @param secret the secret, right or wrong
	 * @return the HTTP Basic header value, id and secret form-urlencoded first (RFC 6749 Section 2.3.1)
	 */
	static String basic(String clientId, String secret) {
		String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
				+ URLEncoder.encode(secret, StandardCharsets.UTF_8);
		return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
	}

}
