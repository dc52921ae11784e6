package io.keyfleet.sim.admin;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import io.keyfleet.sim.ClientCredentials;
import io.keyfleet.sim.ClientCredentialsFactory;
import io.keyfleet.sim.ExitCodes;
import io.keyfleet.sim.HttpTransport;
import io.keyfleet.sim.JsonOutput;
import io.keyfleet.sim.OneLineErrorHandler;
import io.keyfleet.sim.SimException;
import io.keyfleet.sim.TokenClient;
import io.keyfleet.sim.TokenEndpointResponse;
import io.keyfleet.sim.TokenOutput;
import tools.jackson.databind.JsonNode;

/**
 * The admin API of the contract ({@code https://<issuer>/api/v1}), called with a bearer
 * token of the admin client that it gets with the client credentials grant and renews
 * before it expires. Errors are RFC 9457 problem details; they become
 * {@link AdminApiException}s with the problem's {@code detail} on one line.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-2.1">RFC 6750 Section 2.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457#section-3">RFC 9457 Section 3</a>
 */
public final class AdminClient {

	static final String NDJSON = "application/x-ndjson";

	/** The contract's largest page of anomalies. */
	static final int ANOMALY_PAGE = 1000;

	private final HttpTransport http;

	private final URI issuer;

	private final URI tokenEndpoint;

	private final ClientCredentials credentials;

	private final Clock clock;

	private String accessToken;

	private Instant renewAt = Instant.MIN;

	public AdminClient(HttpTransport http, AuthorizationServerMetadata metadata, ClientCredentials credentials) {
		this.http = Objects.requireNonNull(http, "http cannot be null");
		this.issuer = URI.create(metadata.getIssuer().getValue());
		this.tokenEndpoint = metadata.getTokenEndpointURI();
		this.credentials = Objects.requireNonNull(credentials, "credentials cannot be null");
		this.clock = Clock.systemUTC();
	}

	/**
	 * {@code POST /api/v1/devices}: registers one device.
	 * @param registration the registration JSON
	 * @return the device as stored, with {@code client_secret} for the secret methods
	 */
	public JsonNode registerDevice(JsonNode registration) {
		HTTPResponse response = send(HTTPRequest.Method.POST, "/devices", "application/json",
				JsonOutput.compact(registration));
		return expect(response, 201, "register device " + registration.path("id").asString());
	}

	/**
	 * {@code POST /api/v1/devices:import}: registers many devices from NDJSON.
	 * @param ndjson one registration per line
	 * @return the import result
	 */
	public ImportResult importDevices(String ndjson) {
		HTTPResponse response = send(HTTPRequest.Method.POST, "/devices:import", NDJSON, ndjson);
		return ImportResult.parse(expect(response, 200, "import devices"));
	}

	/**
	 * {@code POST /api/v1/devices/{id}/<action>}: {@code suspend}, {@code resume},
	 * {@code revoke-tokens}, ... (each answers 204).
	 * @param id the device id
	 * @param action the action
	 */
	public void deviceAction(String id, String action) {
		expect(send(HTTPRequest.Method.POST, "/devices/" + id + "/" + action, null, null), 204, action + " " + id);
	}

	/**
	 * {@code DELETE /api/v1/devices/{id}}: retires a device.
	 * @param id the device id
	 */
	public void retireDevice(String id) {
		expect(send(HTTPRequest.Method.DELETE, "/devices/" + id, null, null), 204, "retire " + id);
	}

	/**
	 * {@code POST /api/v1/devices/{id}/enrollment-token}: a one-time secret for EST
	 * {@code simpleenroll} (CONTRACT "Admin API").
	 * @param id the device id
	 * @return the enrollment token
	 */
	public String enrollmentToken(String id) {
		JsonNode created = expect(send(HTTPRequest.Method.POST, "/devices/" + id + "/enrollment-token", null, null), 201,
				"enrollment token for " + id);
		String token = created.path("enrollment_token").asString(null);
		if (token == null || token.isEmpty()) {
			throw new AdminApiException(201, "admin API: enrollment token for " + id + " answered no enrollment_token");
		}
		return token;
	}

	/**
	 * {@code POST /api/v1/certificates/{serial}/revoke} (CONTRACT "Device PKI").
	 * @param serial the certificate's serial number
	 * @param reason an RFC 5280 Section 5.3.1 reason name, e.g. {@code keyCompromise}, or {@code null}
	 */
	public void revokeCertificate(java.math.BigInteger serial, String reason) {
		// always a JSON body: a body-less POST over HttpURLConnection goes out as a form, which the server refuses (415)
		String body = JsonOutput.compact((reason != null) ? JsonOutput.object().put("reason", reason) : JsonOutput.object());
		expect(send(HTTPRequest.Method.POST, "/certificates/" + serial.toString(16) + "/revoke", "application/json",
				body), 204, "revoke certificate " + serial.toString(16));
	}

	/**
	 * {@code PUT /api/v1/attestation-policies/{model}}: stores a model's appraisal policy.
	 * @param model the device model
	 * @param policy the policy JSON (CONTRACT "Appraisal policy")
	 * @return the policy as stored
	 */
	public JsonNode putAttestationPolicy(String model, JsonNode policy) {
		HTTPResponse response = send(HTTPRequest.Method.PUT, "/attestation-policies/" + model, "application/json",
				JsonOutput.compact(policy));
		return expect(response, 200, "put the attestation policy of " + model);
	}

	/**
	 * {@code GET /api/v1/devices/{id}}: the device as the server has it, with its
	 * {@code status}, {@code risk_score} and open {@code anomalies}.
	 * @param id the device id
	 * @return the device
	 */
	public JsonNode device(String id) {
		return expect(send(HTTPRequest.Method.GET, "/devices/" + id, null, null), 200, "read device " + id);
	}

	/**
	 * {@code GET /api/v1/anomalies?device=&since=}: every anomaly detected since a time
	 * ({@code since} inclusive), following {@code next_cursor} to the last page, newest first
	 * (CONTRACT "Provisioning, lifecycle and anomalies").
	 * @param device only this device's, or {@code null} for all
	 * @param since the earliest {@code detected_at}
	 * @return the anomalies
	 */
	public List<Anomaly> anomalies(String device, Instant since) {
		List<Anomaly> anomalies = new ArrayList<>();
		String cursor = null;
		do {
			StringBuilder query = new StringBuilder("/anomalies?limit=").append(ANOMALY_PAGE)
				.append("&since=").append(query(since.toString()));
			if (device != null) {
				query.append("&device=").append(query(device));
			}
			if (cursor != null) {
				query.append("&cursor=").append(query(cursor));
			}
			JsonNode page = expect(send(HTTPRequest.Method.GET, query.toString(), null, null), 200, "list anomalies");
			page.path("items").values().forEach((item) -> anomalies.add(Anomaly.fromJson(item)));
			cursor = page.path("next_cursor").asString(null);
		}
		while (cursor != null && !cursor.isEmpty());
		return anomalies;
	}

	private static String query(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * @return a bearer token of the admin client, renewed when it is about to expire
	 */
	public synchronized String accessToken() {
		if (this.accessToken == null || !this.clock.instant().isBefore(this.renewAt)) {
			TokenEndpointResponse response = new TokenClient(this.http, new ClientCredentialsFactory())
				.requestToken(this.tokenEndpoint, this.credentials, new Scope(), List.of());
			if (!response.isSuccess()) {
				throw new SimException(ExitCodes.OAUTH_ERROR, "cannot get an admin token as " + this.credentials.clientId()
						+ ": " + TokenOutput.describe(response) + " (check the admin credentials)", null);
			}
			long lifetime = Math.max(response.success().getTokens().getAccessToken().getLifetime(), 0);
			this.accessToken = response.success().getTokens().getAccessToken().getValue();
			this.renewAt = this.clock.instant().plusSeconds(Math.max(lifetime - 30, 0));
		}
		return this.accessToken;
	}

	private HTTPResponse send(HTTPRequest.Method method, String path, String contentType, String body) {
		HTTPRequest request = new HTTPRequest(method, url(path));
		request.setAuthorization("Bearer " + accessToken());
		request.setHeader("Accept", "application/json, application/problem+json");
		if (contentType != null) {
			request.setHeader("Content-Type", contentType);
			request.setBody(body);
		}
		return this.http.send(request);
	}

	private JsonNode expect(HTTPResponse response, int status, String what) {
		String body = response.getBody();
		JsonNode json = null;
		if (body != null && !body.isBlank()) {
			try {
				json = JsonOutput.parse(body);
			}
			catch (RuntimeException ex) {
				throw new AdminApiException(response.getStatusCode(), "admin API: " + what + " answered HTTP "
						+ response.getStatusCode() + " with a body that is not JSON");
			}
		}
		if (response.getStatusCode() != status) {
			String detail = (json != null) ? json.path("detail").asString(json.path("title").asString("")) : "";
			throw new AdminApiException(response.getStatusCode(), "admin API: " + what + " answered HTTP "
					+ response.getStatusCode() + (detail.isEmpty() ? "" : ": " + OneLineErrorHandler.oneLine(detail)));
		}
		if (json == null && status != 204) {
			throw new AdminApiException(response.getStatusCode(), "admin API: " + what + " answered no JSON body");
		}
		return json;
	}

	private URL url(String path) {
		try {
			return URI.create(this.issuer + "/api/v1" + path).toURL();
		}
		catch (MalformedURLException | IllegalArgumentException ex) {
			throw new SimException("invalid admin API URL for " + path + ": " + ex.getMessage(), ex);
		}
	}

}
