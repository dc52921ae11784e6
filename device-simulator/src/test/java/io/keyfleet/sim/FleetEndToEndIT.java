package io.keyfleet.sim;

import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator against the real auth-server (jar, dev mode, own data directory and
 * embedded Redis), with rate limits raised so that load runs are not throttled, and
 * resource-sample (jar, dev mode on the auth-server's data directory): fleet creation for
 * every authentication method, tokens (bearer, certificate-bound, DPoP-bound), calls and
 * short load runs, asserted on the commands' JSON.
 */
class FleetEndToEndIT {

	private static final int PER_METHOD = 50;

	private static final String[] METHODS = { "private_key_jwt", "client_secret_jwt", "client_secret_basic" };

	@TempDir
	static Path directory;

	static AuthServerProcess server;

	static AuthServerProcess resourceServer;

	static Path fleet;

	static List<JsonNode> created = new ArrayList<>();

	@BeforeAll
	static void startServerAndCreateFleet() throws Exception {
		server = AuthServerProcess.start("fleet-e2e", "--keyfleet.rate-limit.token-per-client-rate=100000",
				"--keyfleet.rate-limit.token-per-client-burst=100000",
				"--keyfleet.rate-limit.token-per-address-rate=1000000",
				"--keyfleet.rate-limit.token-per-address-burst=1000000");
		resourceServer = server.startResourceSample("fleet-e2e-resource-sample");
		fleet = directory.resolve("fleet");
		for (String method : METHODS) {
			CommandRun run = sim("fleet", "create", "--server", server.issuer(), "--ca-file", server.caFile().toString(),
					"--admin-client-file", server.adminClientFile().toString(), "--fleet-dir", fleet.toString(),
					"--devices", String.valueOf(PER_METHOD), "--auth", method, "--batch-size", "20", "--json");
			assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
			created.add(JsonOutput.parse(run.out()));
		}
	}

	@AfterAll
	static void stopServer() {
		if (resourceServer != null) {
			resourceServer.close();
		}
		if (server != null) {
			server.close();
		}
	}

	@Test
	void fleetCreateWhen50DevicesPerMethodThenAllRegisteredAndKeptOwnerOnly() throws Exception {
		for (int i = 0; i < METHODS.length; i++) {
			JsonNode result = created.get(i);
			assertThat(result.get("token_endpoint_auth_method").asString()).isEqualTo(METHODS[i]);
			assertThat(result.get("created").asInt()).isEqualTo(PER_METHOD);
			assertThat(result.get("failed").isEmpty()).isTrue();
			assertThat(result.has("credentials")).isFalse();
		}
		try (Stream<Path> files = Files.list(fleet.resolve("devices"))) {
			assertThat(files.toList()).hasSize(3 * PER_METHOD).allSatisfy((file) -> assertThat(
					PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------"));
		}
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fleet))).isEqualTo("rwx------");
	}

	@Test
	void fleetCreateWhenIdsAlreadyRegisteredThenEachRefusedWith409AndNothingKept() {
		String prefix = "dup-" + FleetCreateCommand.randomSuffix();
		Path first = directory.resolve("dup-first");
		Path second = directory.resolve("dup-second");
		assertThat(createFleet(first, prefix, 3).exitCode()).isEqualTo(ExitCodes.OK);

		CommandRun again = createFleet(second, prefix, 3);

		assertThat(again.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
		JsonNode result = JsonOutput.parse(again.out());
		assertThat(result.get("created").asInt()).isZero();
		assertThat(result.get("failed").values()).hasSize(3)
			.allSatisfy((failure) -> assertThat(failure.get("status").asInt()).isEqualTo(409));
		assertThat(result.get("failed").get(1).get("id").asString()).isEqualTo(prefix + "-0002");
		assertThat(Files.exists(second.resolve("devices").resolve(prefix + "-0001.json"))).isFalse();
	}

	@Test
	void fleetCreateWhenOneDeviceWithShowSecretsThenRegisteredAndSecretPrinted() {
		CommandRun run = sim("fleet", "create", "--server", server.issuer(), "--ca-file", server.caFile().toString(),
				"--admin-client-file", server.adminClientFile().toString(), "--fleet-dir",
				directory.resolve("one").toString(), "--devices", "1", "--auth", "client_secret_basic", "--show-secrets",
				"--json");

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		JsonNode credential = JsonOutput.parse(run.out()).get("credentials").get(0);
		assertThat(credential.get("client_secret").asString()).hasSizeGreaterThanOrEqualTo(32);
	}

	@Test
	void tokenWhenFleetDeviceOfEachMethodThenTokenForThatDeviceAndSecretsRedacted() {
		for (JsonNode result : created) {
			String device = result.get("ids").get(PER_METHOD - 1).asString();

			CommandRun run = sim("token", "--device", device, "--fleet-dir", fleet.toString(), "--json");

			assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
			JsonNode token = JsonOutput.parse(run.out());
			assertThat(token.get("claims").get("sub").asString()).isEqualTo(device);
			assertThat(token.get("claims").get("iss").asString()).isEqualTo(server.issuer());
			assertThat(token.get("header").get("typ").asString()).isEqualTo("at+jwt");
			assertThat(token.get("token_response").get("access_token").asString()).startsWith("[redacted");
		}
	}

	@Test
	void tokenWhenScopeOutsideTheDevicesThenExit3InvalidScope() {
		String device = created.get(0).get("ids").get(0).asString();

		CommandRun run = sim("token", "--device", device, "--fleet-dir", fleet.toString(), "--scope", "fleet:admin");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OAUTH_ERROR);
		assertThat(run.err()).contains("HTTP 400 invalid_scope");
		assertThat(run.err().lines()).hasSize(1);
	}

	@Test
	void callWhenDeviceThenBearerTokenSentAndAnswerPrinted() {
		String device = created.get(0).get("ids").get(0).asString();

		CommandRun jwks = sim("call", "--device", device, "--fleet-dir", fleet.toString(), "--json", "GET",
				server.issuer() + "/oauth2/jwks");
		CommandRun admin = sim("call", "--device", device, "--fleet-dir", fleet.toString(), "--json", "GET",
				server.issuer() + "/api/v1/devices/" + device);

		assertThat(jwks.exitCode()).as(jwks.err()).isEqualTo(ExitCodes.OK);
		JsonNode call = JsonOutput.parse(jwks.out()).get("call");
		assertThat(call.get("status").asInt()).isEqualTo(200);
		assertThat(call.get("body").get("keys").get(0).has("kid")).isTrue();
		// a device token is not for the admin API (another audience, no fleet:admin): RFC 6750 3.1
		assertThat(admin.exitCode()).isEqualTo(ExitCodes.OAUTH_ERROR);
		JsonNode refused = JsonOutput.parse(admin.out()).get("call");
		assertThat(refused.get("status").asInt()).isEqualTo(401);
		assertThat(refused.get("headers").get("www-authenticate").get(0).asString()).contains("invalid_token");
	}

	@Test
	void loadWhenClosedLoopOverTheMixedFleetThenNoErrorsAndConnectionsReused() {
		CommandRun run = sim("load", "--fleet-dir", fleet.toString(), "--requests", "600", "--concurrency", "4",
				"--json");

		assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
		JsonNode report = JsonOutput.parse(run.out());
		assertThat(report.get("mode").asString()).isEqualTo("closed");
		assertThat(report.get("requests").asLong()).isEqualTo(600);
		assertThat(report.get("ok").asLong()).isEqualTo(600);
		assertThat(report.get("errors_by_kind").isEmpty()).isTrue();
		assertThat(report.get("devices").get("private_key_jwt").asInt()).isEqualTo(PER_METHOD);
		assertThat(report.get("devices").get("client_secret_jwt").asInt()).isEqualTo(PER_METHOD);
		assertThat(report.get("devices").get("client_secret_basic").asInt()).isEqualTo(PER_METHOD);
		assertThat(report.get("connections_opened").asInt()).as("one kept-alive connection per worker").isEqualTo(4);
		assertSensiblePercentiles(report.get("latency_ms"));
		assertThat(report.get("throughput_per_s").asDouble()).isPositive();
	}

	@Test
	void loadWhenOpenLoopAtFixedRateThenScheduledRequestsAllSucceed() {
		CommandRun run = sim("load", "--fleet-dir", fleet.toString(), "--auth", "private_key_jwt", "--rate", "100",
				"--duration", "2s", "--concurrency", "8", "--warmup", "500ms", "--json");

		assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
		JsonNode report = JsonOutput.parse(run.out());
		assertThat(report.get("mode").asString()).isEqualTo("open");
		assertThat(report.get("requests").asLong()).isEqualTo(200);
		assertThat(report.get("errors").asLong()).isZero();
		assertThat(report.get("devices").properties()).hasSize(1);
		assertThat(report.get("connections_opened").asInt()).isBetween(1, 8);
		assertSensiblePercentiles(report.get("latency_ms"));
	}

	@Test
	void tokenWhenBindingMtlsThenCnfIsTheThumbprintOfTheDevicesStoredCertificate() throws Exception {
		for (JsonNode result : created) { // a key device's certificate is for its key; a secret device gets a key
			String device = result.get("ids").get(1).asString();

			CommandRun run = sim("token", "--device", device, "--fleet-dir", fleet.toString(), "--binding", "mtls",
					"--json");

			assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
			X509Certificate certificate = Pem.readCertificates(fleet.resolve("devices").resolve(device + ".tls-cert.pem"))
				.get(0);
			assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=" + device);
			JsonNode claims = JsonOutput.parse(run.out()).get("claims");
			// RFC 8705 3.1: x5t#S256 = base64url(SHA-256(DER))
			assertThat(claims.get("cnf").get("x5t#S256").asString()).isEqualTo(
					Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())).toString());
			assertThat(claims.get("cnf").has("jkt")).isFalse();
		}
	}

	@Test
	void tokenWhenBindingDpopThenDpopTokenBoundToTheDevicesStoredDpopKey() throws Exception {
		String device = created.get(0).get("ids").get(2).asString();

		CommandRun run = sim("token", "--device", device, "--fleet-dir", fleet.toString(), "--binding", "dpop", "--json");

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		JsonNode token = JsonOutput.parse(run.out());
		assertThat(token.get("token_response").get("token_type").asString()).isEqualTo("DPoP");
		ECPublicKey dpopKey = (ECPublicKey) EcKeys
			.keyPairOf(Pem.readEcPrivateKey(fleet.resolve("devices").resolve(device + ".dpop-key.pem")))
			.getPublic();
		// RFC 9449 6.1: jkt = the RFC 7638 thumbprint of the proof key
		assertThat(token.get("claims").get("cnf").get("jkt").asString())
			.isEqualTo(new ECKey.Builder(Curve.P_256, dpopKey).build().computeThumbprint().toString());
	}

	@Test
	void callWhenBindingDpopOrMtlsThenResourceServerAcceptsTheBoundToken() {
		for (String binding : new String[] { "dpop", "mtls" }) {
			for (JsonNode result : created) {
				String device = result.get("ids").get(3).asString();

				CommandRun run = sim("call", "--device", device, "--fleet-dir", fleet.toString(), "--binding", binding,
						"--json", "GET", resourceServer.issuer() + "/devices/" + device + "/config");

				assertThat(run.exitCode()).as(binding + " " + device + ": " + run.out() + run.err())
					.isEqualTo(ExitCodes.OK);
				JsonNode call = JsonOutput.parse(run.out());
				assertThat(call.get("token").get("binding").asString()).isEqualTo(binding);
				assertThat(call.get("call").get("status").asInt()).isEqualTo(200);
			}
		}
	}

	@Test
	void callWhenBoundTokenThenNoSecretPrinted() {
		String device = created.get(1).get("ids").get(4).asString();

		CommandRun run = sim("call", "--device", device, "--fleet-dir", fleet.toString(), "--binding", "dpop", "--json",
				"GET", resourceServer.issuer() + "/devices/" + device + "/config");

		assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
		assertThat(JsonOutput.parse(run.out()).get("token").get("access_token").asString()).startsWith("[redacted");
		assertThat(run.out() + run.err()).doesNotContain("eyJ").doesNotContain("PRIVATE KEY");
	}

	@Test
	void loadWhenBindingDpopWithCallsThenNoErrorsAndEveryTokenUsedWithItsProof() {
		// a device may read only its own config (sub == id), and the other sample endpoints need attestation:
		// the run's one device (--devices 1 takes the first by id) calls its own
		String device = firstId(created.get(2));
		CommandRun run = sim("load", "--fleet-dir", fleet.toString(), "--auth", "client_secret_basic", "--devices", "1",
				"--binding", "dpop", "--requests", "100", "--concurrency", "2", "--call",
				resourceServer.issuer() + "/devices/" + device + "/config", "--json");

		assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
		JsonNode report = JsonOutput.parse(run.out());
		assertThat(report.get("binding").asString()).isEqualTo("dpop");
		assertThat(report.get("requests").asLong()).isEqualTo(100);
		assertThat(report.get("ok").asLong()).isEqualTo(100);
		assertThat(report.get("errors_by_kind").isEmpty()).isTrue();
		assertThat(report.get("call_latency_ms").get("p50").asDouble()).isPositive();
		assertThat(report.get("connections_opened").asInt()).as("a token and a call connection per worker")
			.isEqualTo(4);
	}

	@Test
	void loadWhenBindingMtlsWithCallsThenNoErrorsOverTheDevicesOwnConnections() {
		String device = firstId(created.get(0));
		CommandRun run = sim("load", "--fleet-dir", fleet.toString(), "--auth", "private_key_jwt", "--devices", "1",
				"--binding", "mtls", "--requests", "40", "--concurrency", "2", "--call",
				resourceServer.issuer() + "/devices/" + device + "/config", "--json");

		assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
		JsonNode report = JsonOutput.parse(run.out());
		assertThat(report.get("binding").asString()).isEqualTo("mtls");
		assertThat(report.get("ok").asLong()).isEqualTo(40);
		// connections with the device's certificate, kept alive: one per target, two when both workers overlap
		assertThat(report.get("connections_opened").asInt()).isBetween(2, 4);
	}

	private static String firstId(JsonNode created) {
		return created.get("ids").values().stream().map(JsonNode::asString).sorted().findFirst().orElseThrow();
	}

	private static void assertSensiblePercentiles(JsonNode latency) {
		double p50 = latency.get("p50").asDouble();
		assertThat(p50).isPositive();
		assertThat(latency.get("p90").asDouble()).isGreaterThanOrEqualTo(p50);
		assertThat(latency.get("p99").asDouble()).isGreaterThanOrEqualTo(latency.get("p90").asDouble());
		assertThat(latency.get("p99_9").asDouble()).isGreaterThanOrEqualTo(latency.get("p99").asDouble());
		assertThat(latency.get("max").asDouble()).isGreaterThanOrEqualTo(latency.get("p99_9").asDouble())
			.isLessThan(10_000);
	}

	private static CommandRun createFleet(Path fleetDirectory, String prefix, int devices) {
		return sim("fleet", "create", "--server", server.issuer(), "--ca-file", server.caFile().toString(),
				"--admin-client-file", server.adminClientFile().toString(), "--fleet-dir", fleetDirectory.toString(),
				"--devices", String.valueOf(devices), "--auth", "private_key_jwt", "--id-prefix", prefix, "--json");
	}

	private static CommandRun sim(String... args) {
		return CommandRun.execute(args);
	}

}
