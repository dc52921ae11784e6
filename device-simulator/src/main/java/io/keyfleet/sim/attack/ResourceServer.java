package io.keyfleet.sim.attack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.keyfleet.sim.JsonOutput;
import io.keyfleet.sim.SimException;
import io.keyfleet.sim.binding.ClientCertificate;
import tools.jackson.databind.JsonNode;

/**
 * The resource server the attacks use stolen or dead tokens at (resource-sample by
 * default), called as the attacker chooses: any {@code Authorization} and {@code DPoP}
 * headers, any client certificate or none. Its answers are recorded as {@link Observed}
 * with the {@code error} of the {@code WWW-Authenticate} challenge (RFC 6750 Section 3,
 * RFC 9449 Section 7.1), so that scenarios judge by status and error code as the contract's
 * "Resource servers" section says.
 */
public final class ResourceServer {

	private static final Pattern ERROR = Pattern.compile("error=\"([^\"]*)\"");

	private final URI base;

	private final TlsClients tls;

	private Boolean available;

	private HttpClient plain;

	/**
	 * @param base the resource server's base URL, e.g. {@code https://localhost:8444}
	 * @param tls TLS trusting its CA
	 */
	public ResourceServer(URI base, TlsClients tls) {
		String value = base.toString();
		this.base = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
		this.tls = tls;
	}

	public URI base() {
		return this.base;
	}

	/**
	 * @param path e.g. {@code /devices/dev-1/config}
	 * @return the absolute URL
	 */
	public URI url(String path) {
		return URI.create(this.base + path);
	}

	/**
	 * @param deviceId a device
	 * @return the path of its configuration, the sample endpoint only that device may read
	 */
	public static String configPath(String deviceId) {
		return "/devices/" + deviceId + "/config";
	}

	/**
	 * @param accessToken the token
	 * @return the headers of a bearer token (RFC 6750 Section 2.1)
	 */
	public static Map<String, String> bearer(String accessToken) {
		return Map.of("Authorization", "Bearer " + accessToken);
	}

	/**
	 * @param accessToken the DPoP-bound token
	 * @param proof the proof sent with it
	 * @return the headers of a DPoP-bound token (RFC 9449 Section 7.1)
	 */
	public static Map<String, String> dpop(String accessToken, String proof) {
		return Map.of("Authorization", "DPoP " + accessToken, "DPoP", proof);
	}

	/**
	 * @return whether it answers HTTP at all (asked once): scenarios that need it are
	 * skipped when it does not, so that {@code attack all} works against an auth-server alone
	 */
	public synchronized boolean available() {
		if (this.available == null) {
			try {
				send(url("/actuator/health"), Map.of(), null);
				this.available = true;
			}
			catch (SimException ex) {
				this.available = false;
			}
		}
		return this.available;
	}

	/**
	 * @param path the path to {@code GET}
	 * @param headers e.g. {@code Authorization} and {@code DPoP}
	 * @param certificate the client certificate to present, or {@code null} for none
	 * @return the answer
	 */
	public Observed get(String path, Map<String, String> headers, ClientCertificate certificate) {
		return send(url(path), headers, certificate);
	}

	private Observed send(URI url, Map<String, String> headers, ClientCertificate certificate) {
		HttpClient client = client(certificate);
		HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(this.tls.timeout()).GET();
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return observed(response);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SimException("interrupted while calling " + url, ex);
		}
		catch (IOException ex) {
			throw new SimException("no answer from the resource server at " + url + ": " + ex, ex);
		}
	}

	/**
	 * A client with a certificate is made per call, so that no pooled connection carries
	 * another call's certificate (or lack of one); the one without is reused.
	 */
	private synchronized HttpClient client(ClientCertificate certificate) {
		if (certificate == null && this.plain != null) {
			return this.plain;
		}
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.sslContext(this.tls.sslContext(certificate))
			.connectTimeout(this.tls.timeout())
			.build();
		if (certificate == null) {
			this.plain = client;
		}
		return client;
	}

	private static Observed observed(HttpResponse<String> response) {
		Map<String, Object> body = new LinkedHashMap<>();
		try {
			JsonNode json = JsonOutput.parse(response.body());
			if (json != null && json.isObject()) {
				json.properties().forEach((entry) -> body.put(entry.getKey(),
						entry.getValue().isString() ? entry.getValue().asString() : entry.getValue().toString()));
			}
		}
		catch (RuntimeException ex) {
			// not JSON: judged on the status and the challenge alone
		}
		return new Observed(response.statusCode(), challengeError(response.headers().allValues("WWW-Authenticate")),
				response.headers().firstValue("Retry-After").orElse(null), body);
	}

	/**
	 * @param challenges the {@code WWW-Authenticate} values
	 * @return the first {@code error} parameter (RFC 6750 Section 3), or {@code null}
	 */
	static String challengeError(List<String> challenges) {
		for (String challenge : challenges) {
			Matcher matcher = ERROR.matcher(challenge);
			if (matcher.find()) {
				return matcher.group(1);
			}
		}
		return null;
	}

}
