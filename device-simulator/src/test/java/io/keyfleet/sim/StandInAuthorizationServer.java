package io.keyfleet.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small, real HTTPS authorization server for unit tests of the simulator: RFC 8414
 * metadata and a client credentials token endpoint that really authenticates the client
 * ({@code client_secret_basic}, or an RFC 7523 assertion verified with the registered
 * public key or secret, single-use {@code jti}) and issues real ES256-signed
 * {@code at+jwt} access tokens.
 *
 * <p>It stands in for Keyfleet's auth-server only until the simulator-driven integration
 * tests of issue 4 run the simulator against the real auth-server jar. Deliberately
 * independent of the simulator's code (and of Nimbus' OAuth SDK): it decodes HTTP Basic and
 * the form by hand.
 */
final class StandInAuthorizationServer implements AutoCloseable {

	static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	static final String DEFAULT_AUDIENCE = "https://localhost:8444";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpsServer server;

	private final ECKey signingKey = generateSigningKey();

	private final Map<String, String> basicSecrets = new ConcurrentHashMap<>();

	private final Map<String, String> jwtSecrets = new ConcurrentHashMap<>();

	private final Map<String, ECPublicKey> publicKeys = new ConcurrentHashMap<>();

	private final Set<String> usedJtis = ConcurrentHashMap.newKeySet();

	private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

	private volatile String advertisedIssuer;

	/**
	 * One token request as the server saw it.
	 *
	 * @param clientId the authenticated client, or {@code null} when authentication failed
	 * @param authMethod how it authenticated
	 * @param parameters the form parameters
	 * @param assertion the client assertion, or {@code null}
	 * @param accessToken the issued access token, or {@code null}
	 * @param source the client's source address, e.g. {@code 127.0.0.2}
	 */
	record Exchange(String clientId, String authMethod, Map<String, List<String>> parameters, SignedJWT assertion,
			String accessToken, String source) {
	}

	/** Scripted anomalies of {@code GET /api/v1/anomalies}, newest first, as the contract lists them. */
	private final List<Map<String, Object>> anomalies = new CopyOnWriteArrayList<>();

	/** Device statuses of {@code GET /api/v1/devices/{id}}. */
	private final Map<String, String> statuses = new ConcurrentHashMap<>();

	/** The query strings {@code GET /api/v1/anomalies} was called with. */
	private final List<String> anomalyQueries = new CopyOnWriteArrayList<>();

	private StandInAuthorizationServer(TestPki pki) throws Exception {
		this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setHttpsConfigurator(new HttpsConfigurator(pki.serverSslContext()));
		this.server.createContext(ServerMetadata.WELL_KNOWN, this::metadata);
		this.server.createContext("/oauth2/token", this::token);
		this.server.createContext("/api/v1/anomalies", this::anomalies);
		this.server.createContext("/api/v1/devices/", this::device);
	}

	/**
	 * Lists an anomaly (CONTRACT "Provisioning, lifecycle and anomalies"), newest first.
	 * @param id its id
	 * @param device the device
	 * @param kind its kind
	 * @param detectedAt when
	 * @param action flag, step_up or quarantine
	 */
	void addAnomaly(String id, String device, String kind, Instant detectedAt, String action) {
		Map<String, Object> anomaly = new LinkedHashMap<>();
		anomaly.put("id", id);
		anomaly.put("device", device);
		anomaly.put("kind", kind);
		anomaly.put("score", 80);
		anomaly.put("detected_at", detectedAt.toString());
		anomaly.put("evidence", Map.of("note", "scripted"));
		anomaly.put("action", action);
		this.anomalies.add(0, anomaly);
	}

	void setStatus(String device, String status) {
		this.statuses.put(device, status);
	}

	List<String> anomalyQueries() {
		return this.anomalyQueries;
	}

	/** {@code GET /api/v1/anomalies?device=&since=&limit=&cursor=}; the cursor is an offset. Admin auth is not checked. */
	private void anomalies(HttpExchange exchange) throws IOException {
		String query = exchange.getRequestURI().getRawQuery();
		this.anomalyQueries.add(query);
		Map<String, List<String>> parameters = parseQuery(query);
		String device = first(parameters, "device");
		Instant since = (first(parameters, "since") != null) ? Instant.parse(first(parameters, "since")) : Instant.MIN;
		int limit = (first(parameters, "limit") != null) ? Integer.parseInt(first(parameters, "limit")) : 100;
		int offset = (first(parameters, "cursor") != null) ? Integer.parseInt(first(parameters, "cursor")) : 0;
		List<Map<String, Object>> matching = this.anomalies.stream()
			.filter((anomaly) -> device == null || device.equals(anomaly.get("device")))
			.filter((anomaly) -> !Instant.parse((String) anomaly.get("detected_at")).isBefore(since))
			.toList();
		List<Map<String, Object>> page = matching.subList(Math.min(offset, matching.size()),
				Math.min(offset + limit, matching.size()));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", page);
		body.put("next_cursor", (offset + limit < matching.size()) ? String.valueOf(offset + limit) : null);
		respond(exchange, 200, body);
	}

	private void device(HttpExchange exchange) throws IOException {
		String id = exchange.getRequestURI().getPath().substring("/api/v1/devices/".length());
		respond(exchange, 200, Map.of("id", id, "status", this.statuses.getOrDefault(id, "active")));
	}

	private static Map<String, List<String>> parseQuery(String query) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		if (query != null) {
			for (String pair : query.split("&")) {
				int eq = pair.indexOf('=');
				parameters.computeIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						(key) -> new ArrayList<>()).add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return parameters;
	}

	static StandInAuthorizationServer start(TestPki pki) throws Exception {
		StandInAuthorizationServer standIn = new StandInAuthorizationServer(pki);
		standIn.server.start();
		return standIn;
	}

	String issuer() {
		return "https://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
				+ this.server.getAddress().getPort();
	}

	String tokenEndpoint() {
		return issuer() + "/oauth2/token";
	}

	ECKey signingKey() {
		return this.signingKey.toPublicJWK();
	}

	List<Exchange> exchanges() {
		return this.exchanges;
	}

	Exchange lastExchange() {
		return this.exchanges.get(this.exchanges.size() - 1);
	}

	void registerClientSecretBasic(String clientId, String secret) {
		this.basicSecrets.put(clientId, secret);
	}

	void registerClientSecretJwt(String clientId, String secret) {
		this.jwtSecrets.put(clientId, secret);
	}

	void registerPrivateKeyJwt(String clientId, ECPublicKey publicKey) {
		this.publicKeys.put(clientId, publicKey);
	}

	/** Makes the metadata name another issuer than the one it is served for. */
	void advertiseIssuer(String issuer) {
		this.advertisedIssuer = issuer;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void metadata(HttpExchange exchange) throws IOException {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("issuer", (this.advertisedIssuer != null) ? this.advertisedIssuer : issuer());
		metadata.put("token_endpoint", tokenEndpoint());
		metadata.put("jwks_uri", issuer() + "/oauth2/jwks");
		metadata.put("grant_types_supported", List.of("client_credentials"));
		metadata.put("token_endpoint_auth_methods_supported",
				List.of("private_key_jwt", "client_secret_jwt", "client_secret_basic"));
		metadata.put("token_endpoint_auth_signing_alg_values_supported", List.of("ES256", "HS256"));
		metadata.put("response_types_supported", List.of());
		respond(exchange, 200, metadata);
	}

	private void token(HttpExchange exchange) throws IOException {
		Map<String, List<String>> form = parseForm(exchange);
		if (!"POST".equals(exchange.getRequestMethod())
				|| !"client_credentials".equals(first(form, "grant_type"))) {
			respondError(exchange, 400, "unsupported_grant_type", "client_credentials only");
			return;
		}
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		try {
			Exchange authenticated = (authorization != null) ? authenticateBasic(authorization, form)
					: authenticateAssertion(form);
			String accessToken = issueAccessToken(authenticated.clientId(), form);
			this.exchanges.add(new Exchange(authenticated.clientId(), authenticated.authMethod(), form,
					authenticated.assertion(), accessToken, source(exchange)));
			Map<String, Object> response = new LinkedHashMap<>();
			response.put("access_token", accessToken);
			response.put("token_type", "Bearer");
			response.put("expires_in", 300);
			if (first(form, "scope") != null) {
				response.put("scope", first(form, "scope"));
			}
			exchange.getResponseHeaders().set("Cache-Control", "no-store");
			respond(exchange, 200, response);
		}
		catch (InvalidClientException ex) {
			this.exchanges.add(new Exchange(null, null, form, null, null, source(exchange)));
			if (authorization != null) {
				exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"stand-in\"");
			}
			respondError(exchange, 401, "invalid_client", ex.getMessage());
		}
	}

	/** RFC 6749 2.3.1: Basic over the form-urlencoded id and secret. */
	private Exchange authenticateBasic(String authorization, Map<String, List<String>> form)
			throws InvalidClientException {
		if (!authorization.startsWith("Basic ")) {
			throw new InvalidClientException("unsupported authorization scheme");
		}
		String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
				StandardCharsets.UTF_8);
		int colon = decoded.indexOf(':');
		if (colon < 0) {
			throw new InvalidClientException("malformed basic credentials");
		}
		String clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
		String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
		if (!secret.equals(this.basicSecrets.get(clientId))) {
			throw new InvalidClientException("client authentication failed");
		}
		return new Exchange(clientId, "client_secret_basic", form, null, null, null);
	}

	/** RFC 7523 2.2 and 3. */
	private Exchange authenticateAssertion(Map<String, List<String>> form) throws InvalidClientException {
		if (!JWT_BEARER.equals(first(form, "client_assertion_type")) || first(form, "client_assertion") == null) {
			throw new InvalidClientException("no client authentication");
		}
		try {
			SignedJWT assertion = SignedJWT.parse(first(form, "client_assertion"));
			JWTClaimsSet claims = assertion.getJWTClaimsSet();
			String clientId = claims.getIssuer();
			JWSAlgorithm alg = assertion.getHeader().getAlgorithm();
			JWSVerifier verifier;
			String method;
			if (JWSAlgorithm.ES256.equals(alg) && this.publicKeys.containsKey(clientId)) {
				verifier = new ECDSAVerifier(this.publicKeys.get(clientId));
				method = "private_key_jwt";
			}
			else if (JWSAlgorithm.HS256.equals(alg) && this.jwtSecrets.containsKey(clientId)) {
				verifier = new MACVerifier(this.jwtSecrets.get(clientId).getBytes(StandardCharsets.UTF_8));
				method = "client_secret_jwt";
			}
			else {
				throw new InvalidClientException("unknown client or algorithm");
			}
			Instant now = Instant.now();
			Date exp = claims.getExpirationTime();
			boolean valid = assertion.verify(verifier) && clientId.equals(claims.getSubject())
					&& claims.getAudience().contains(tokenEndpoint()) && exp != null && exp.toInstant().isAfter(now)
					&& !exp.toInstant().isAfter(now.plus(Duration.ofMinutes(5)).plusSeconds(5))
					&& claims.getJWTID() != null && (first(form, "client_id") == null
							|| clientId.equals(first(form, "client_id")));
			if (!valid || !this.usedJtis.add(claims.getJWTID())) {
				throw new InvalidClientException("client assertion rejected");
			}
			return new Exchange(clientId, method, form, assertion, null, null);
		}
		catch (ParseException | JOSEException ex) {
			throw new InvalidClientException("malformed client assertion");
		}
	}

	private String issueAccessToken(String clientId, Map<String, List<String>> form) {
		List<String> resources = form.getOrDefault("resource", List.of(DEFAULT_AUDIENCE));
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer())
			.subject(clientId)
			.audience(resources)
			.claim("client_id", clientId)
			.claim("scope", first(form, "scope"))
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
			.keyID(this.signingKey.getKeyID())
			.build(), claims);
		try {
			token.sign(new ECDSASigner(this.signingKey));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return token.serialize();
	}

	private static Map<String, List<String>> parseForm(HttpExchange exchange) throws IOException {
		Map<String, List<String>> form = new LinkedHashMap<>();
		try (InputStream in = exchange.getRequestBody()) {
			String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			for (String pair : body.split("&")) {
				if (!pair.isEmpty()) {
					int eq = pair.indexOf('=');
					String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
					String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
					form.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
				}
			}
		}
		return form;
	}

	private static String first(Map<String, List<String>> form, String name) {
		List<String> values = form.get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	private static String source(HttpExchange exchange) {
		return exchange.getRemoteAddress().getAddress().getHostAddress();
	}

	private static void respondError(HttpExchange exchange, int status, String error, String description)
			throws IOException {
		respond(exchange, status, Map.of("error", error, "error_description", description));
	}

	private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] json = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, json.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(json);
		}
	}

	private static ECKey generateSigningKey() {
		try {
			return new ECKeyGenerator(Curve.P_256)
				.keyIDFromThumbprint(true)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static final class InvalidClientException extends Exception {

		private static final long serialVersionUID = 1L;

		InvalidClientException(String message) {
			super(message);
		}

	}

}
