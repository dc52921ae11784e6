package io.keyfleet.sample;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.keyfleet.guard.GuardClient;
import io.keyfleet.guard.GuardServer;
import io.keyfleet.guard.TestAccessTokens;
import io.keyfleet.guard.TestCertificates;
import io.keyfleet.guard.TestDPoPProofs;
import io.keyfleet.guard.TestRedis;
import io.keyfleet.guard.TestState;
import io.keyfleet.guard.state.GuardStateCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static io.keyfleet.guard.GuardAssertions.assertForbidden;
import static io.keyfleet.guard.GuardAssertions.assertInvalidToken;
import static io.keyfleet.guard.GuardAssertions.assertOk;
import static io.keyfleet.guard.GuardAssertions.assertUnauthorized;
import static io.keyfleet.guard.GuardAssertions.challenges;
import static io.keyfleet.guard.GuardAssertions.newId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real application in dev mode, configured only by a data directory laid out as the
 * auth-server's ({@code redis-url}, {@code ca/root.pem}, {@code ca/root-key.pem}): it mints
 * its TLS certificate from the dev root CA, serves HTTPS, shares the Redis, and trusts the
 * root for the issuer's JWK Set. Called over real TLS with tokens signed by the issuer's
 * key: least privilege, endpoint by endpoint, each denial next to the allowed case.
 */
class ResourceSampleApplicationTests {

	private static Path dataDirectory;

	private static ConfigurableApplicationContext sample;

	private final TestState state = TestState.shared();

	private final GuardClient client = GuardClient.trusting(GuardServer.CA);

	@BeforeAll
	static void startInDevMode() throws Exception {
		dataDirectory = Files.createTempDirectory("keyfleet-sample-");
		Files.writeString(dataDirectory.resolve("redis-url"), TestRedis.url() + "\n");
		TestCertificates.writePem(GuardServer.CA, dataDirectory.resolve("ca"), "root");
		sample = new SpringApplicationBuilder(ResourceSampleApplication.class).run("--keyfleet.data-dir=" + dataDirectory,
				"--server.port=0", "--keyfleet.guard.issuer-uri=" + GuardServer.JWKS.issuer(),
				"--keyfleet.guard.redis.key-prefix=" + TestRedis.prefix(), "--logging.level.root=WARN");
		GuardStateCache state = sample.getBean(GuardStateCache.class);
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (!state.isAvailable() && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
	}

	@AfterAll
	static void stop() {
		sample.close();
	}

	@Test
	void startWhenDevModeThenServesHttpsWithACertificateFromTheDevRoot() throws Exception {
		Path certificate = dataDirectory.resolve("tls/resource-sample.pem");
		X509Certificate issued = (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certificate)));

		issued.verify(GuardServer.CA.certificate().getPublicKey());
		assertThat(issued.getSubjectAlternativeNames().stream().map((name) -> String.valueOf(name.get(1))))
			.contains("localhost", "127.0.0.1");
		assertThat(Files.getPosixFilePermissions(dataDirectory.resolve("tls/resource-sample-key.pem")))
			.hasSize(2);
		assertOk(this.client.get(url("/actuator/health"), null));
	}

	@Test
	void requestWhenNoTokenThenUnauthorizedWithBearerChallenge() {
		HttpResponse<String> response = this.client.get(url("/fleet/summary"), null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(challenges(response)).anySatisfy((challenge) -> assertThat(challenge).startsWith("Bearer"))
			.anySatisfy((challenge) -> assertThat(challenge).startsWith("DPoP"))
			.noneSatisfy((challenge) -> assertThat(challenge).contains("error="));
	}

	@Test
	void requestWhenAudienceIsAnotherThenUnauthorizedInvalidToken() {
		String id = device();

		assertInvalidToken(get("/fleet/summary",
				GuardServer.token(claims(id, "fleet:read").audience("https://reports.example"))));
	}

	@Test
	void fleetSummaryWhenScopeMissingThenForbiddenInsufficientScope() {
		assertForbidden(get("/fleet/summary", token(device(), "config:read")), "scope-missing");
	}

	@Test
	void deviceConfigWhenOwnIdThenOkAndWhenAnotherDevicesIdThenForbiddenNotOwner() {
		String id = device();
		String token = token(id, "config:read");

		assertOk(get("/devices/" + id + "/config", token));
		assertForbidden(get("/devices/" + newId("dev") + "/config", token), "not-owner");
	}

	@Test
	void commandsWhenDeviceThenForbiddenAndWhenServiceClientThenAccepted() {
		String device = device();
		String service = newId("svc");
		this.state.activeService(service);

		assertForbidden(post("/devices/" + device + "/commands", token(device, "commands:write")),
				"service-clients-only");
		assertThat(post("/devices/" + device + "/commands", token(service, "commands:write")).statusCode())
			.isEqualTo(202);
	}

	@Test
	void fleetSummaryWhenDeviceWithoutFleetReadThenForbiddenAndWithItThenOk() {
		String id = device();

		assertForbidden(get("/fleet/summary", token(id, "telemetry:write config:read")), "scope-missing");
		assertOk(get("/fleet/summary", token(id, "fleet:read")));
	}

	@Test
	void telemetryWhenAffirmingThenAcceptedAndWhenWarningOrNoneThenForbidden() {
		String id = device();

		assertThat(post("/telemetry", attested(id, "telemetry:write", "affirming")).statusCode()).isEqualTo(202);
		assertForbidden(post("/telemetry", attested(id, "telemetry:write", "warning")), "attestation-insufficient");
		assertForbidden(post("/telemetry", token(id, "telemetry:write")), "attestation-required");
	}

	@Test
	void firmwareWhenWarningThenOkAndWhenScopeMissingThenForbidden() {
		String id = device();

		assertOk(get("/firmware/KF-EDGE-100/latest", attested(id, "firmware:read", "warning")));
		assertForbidden(get("/firmware/KF-EDGE-100/latest", attested(id, "config:read", "affirming")),
				"scope-missing");
	}

	@Test
	void requestWhenCertificateBoundThenOnlyWithThatSelfSignedCertificate() {
		String id = device();
		TestCertificates.Issued certificate = TestCertificates.selfSignedClient(id);
		String token = GuardServer.token(claims(id, "fleet:read").claim("cnf", Map.of("x5t#S256", certificate.thumbprint())));

		assertOk(GuardClient.presenting(GuardServer.CA, certificate).bearer("GET", url("/fleet/summary"), token));
		assertInvalidToken(this.client.bearer("GET", url("/fleet/summary"), token));
	}

	@Test
	void requestWhenDPoPBoundThenOnlyWithAProofOfItsKey() {
		String id = device();
		ECKey key = TestDPoPProofs.newKey();
		String token = GuardServer.token(claims(id, "fleet:read").claim("cnf", TestDPoPProofs.confirmation(key)));
		String url = url("/fleet/summary");

		assertOk(this.client.dpop("GET", url, token, TestDPoPProofs.proof(key, "GET", url, token).sign()));
		assertUnauthorized(this.client.dpop("GET", url, token, null), "DPoP", "invalid_dpop_proof");
	}

	@Test
	void requestWhenTokenRevokedThenUnauthorized() {
		String id = device();
		JWTClaimsSet.Builder claims = claims(id, "fleet:read");
		String token = GuardServer.token(claims);
		assertOk(get("/fleet/summary", token));

		this.state.revokeToken(claims.build().getJWTID());

		long deadline = System.nanoTime() + 1_000_000_000L;
		while (get("/fleet/summary", token).statusCode() != 401 && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertInvalidToken(get("/fleet/summary", token));
	}

	@Test
	void startWhenProductionModeWithoutTlsThenRefusesToStart() {
		SpringApplicationBuilder production = new SpringApplicationBuilder(ResourceSampleApplication.class);

		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> production.run("--server.port=0", "--keyfleet.guard.redis.url=" + TestRedis.url(),
					"--keyfleet.guard.issuer-uri=" + GuardServer.JWKS.issuer()))
			.withMessageContaining("server.ssl");
	}

	@Test
	void startWhenDevModeWithoutAuthServerDataThenRefusesToStartSayingWhy() throws Exception {
		Path empty = Files.createTempDirectory("keyfleet-empty-");
		SpringApplicationBuilder devMode = new SpringApplicationBuilder(ResourceSampleApplication.class);

		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> devMode.run("--server.port=0", "--keyfleet.data-dir=" + empty))
			.withMessageContaining("redis-url")
			.withMessageContaining("auth-server");
	}

	private String device() {
		String id = newId("dev");
		this.state.activeDevice(id);
		return id;
	}

	private static JWTClaimsSet.Builder claims(String id, String scope) {
		return GuardServer.claims(id).claim("scope", scope);
	}

	private static String token(String id, String scope) {
		return GuardServer.token(claims(id, scope));
	}

	private static String attested(String id, String scope, String status) {
		return GuardServer.token(claims(id, scope).claim("att", TestAccessTokens.attestation(status)));
	}

	private HttpResponse<String> get(String path, String token) {
		return this.client.bearer("GET", url(path), token);
	}

	private HttpResponse<String> post(String path, String token) {
		return this.client.bearer("POST", url(path), token);
	}

	private static String url(String path) {
		return "https://localhost:" + ((WebServerApplicationContext) sample).getWebServer().getPort() + path;
	}

}
