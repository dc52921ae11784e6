package io.keyfleet.sample;

import io.keyfleet.guard.JwksServer;
import io.keyfleet.guard.TestAccessTokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real application on a random port, called over HTTP with tokens signed by a real EC
 * key whose JWK Set a real loopback HTTP server publishes, as the auth-server would. The
 * audience is the one in {@code application.yml}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ResourceSampleApplicationTests {

	private static final ECKey signingKey = TestAccessTokens.signingKey("k1");

	private static final JwksServer jwks = JwksServer.start(new JWKSet(signingKey));

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		registry.add("keyfleet.guard.issuer-uri", jwks::issuer);
		registry.add("keyfleet.guard.jwk-set-uri", jwks::jwkSetUri);
	}

	@AfterAll
	static void stopIssuer() {
		jwks.close();
	}

	@Test
	void requestWhenNoTokenThenUnauthorizedWithBearerChallenge() throws Exception {
		HttpResponse<String> response = send(get("/fleet/summary"));

		assertThat(response.statusCode()).isEqualTo(401);
		// RFC 6750 Section 3.1: no error code when the request has no token; Spring Security
		// adds RFC 9728's resource_metadata, which is allowed
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer").doesNotContain("error="));
	}

	@Test
	void requestWhenAudienceIsAnotherThenUnauthorizedInvalidToken() throws Exception {
		String token = token(claims().claim("scope", "fleet:read").audience("https://reports.example"));

		HttpResponse<String> response = send(get("/fleet/summary", token));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("Bearer").contains("error=\"invalid_token\""));
	}

	@Test
	void fleetSummaryWhenScopeFleetReadThenOk() throws Exception {
		String token = token(claims().claim("scope", "fleet:read"));

		HttpResponse<String> response = send(get("/fleet/summary", token));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"devices\"");
	}

	@Test
	void fleetSummaryWhenScopeMissingThenForbiddenInsufficientScope() throws Exception {
		String token = token(claims().claim("scope", "telemetry:write config:read"));

		HttpResponse<String> response = send(get("/fleet/summary", token));

		assertInsufficientScope(response);
	}

	@Test
	void deviceConfigWhenSubjectIsDeviceThenOk() throws Exception {
		String token = token(claims().subject("dev-1").claim("scope", "config:read"));

		HttpResponse<String> response = send(get("/devices/dev-1/config", token));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"device\":\"dev-1\"");
	}

	@Test
	void deviceConfigWhenSubjectIsAnotherDeviceThenForbiddenInsufficientScope() throws Exception {
		String token = token(claims().subject("dev-2").claim("scope", "config:read"));

		HttpResponse<String> response = send(get("/devices/dev-1/config", token));

		assertInsufficientScope(response);
	}

	@Test
	void deviceConfigWhenSubjectIsDeviceButScopeMissingThenForbiddenInsufficientScope() throws Exception {
		String token = token(claims().subject("dev-1").claim("scope", "telemetry:write"));

		HttpResponse<String> response = send(get("/devices/dev-1/config", token));

		assertInsufficientScope(response);
	}

	@Test
	void telemetryWhenScopeTelemetryWriteThenAccepted() throws Exception {
		String token = token(claims().claim("scope", "telemetry:write"));

		HttpResponse<String> response = send(post("/telemetry", token, "{\"temperature\": 21.5}"));

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.body()).contains("\"device\":\"dev-1\"");
	}

	@Test
	void firmwareLatestWhenScopeFirmwareReadThenOk() throws Exception {
		String token = token(claims().claim("scope", "firmware:read"));

		HttpResponse<String> response = send(get("/firmware/KF-EDGE-100/latest", token));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"model\":\"KF-EDGE-100\"");
	}

	@Test
	void deviceCommandsWhenScopeCommandsWriteThenAccepted() throws Exception {
		String token = token(claims().subject("ops-service").claim("scope", "commands:write"));

		HttpResponse<String> response = send(post("/devices/dev-1/commands", token, "{\"command\": \"reboot\"}"));

		assertThat(response.statusCode()).isEqualTo(202);
	}

	@Test
	void deviceCommandsWhenScopeMissingThenForbiddenInsufficientScope() throws Exception {
		String token = token(claims().subject("ops-service").claim("scope", "fleet:read"));

		HttpResponse<String> response = send(post("/devices/dev-1/commands", token, "{\"command\": \"reboot\"}"));

		assertInsufficientScope(response);
	}

	@Test
	void requestWhenPathUnknownThenForbiddenEvenWithToken() throws Exception {
		String token = token(claims().claim("scope", "fleet:read"));

		HttpResponse<String> response = send(get("/fleet/secrets", token));

		assertThat(response.statusCode()).isEqualTo(403);
	}

	private static JWTClaimsSet.Builder claims() {
		return TestAccessTokens.claims(jwks.issuer());
	}

	private static String token(JWTClaimsSet.Builder claims) {
		return TestAccessTokens.sign(signingKey, TestAccessTokens.header(signingKey), claims);
	}

	private HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).GET();
	}

	private HttpRequest.Builder get(String path, String token) {
		return get(path).header("Authorization", "Bearer " + token);
	}

	private HttpRequest.Builder post(String path, String token, String json) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void assertInsufficientScope(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("Bearer").contains("error=\"insufficient_scope\""));
	}

}
