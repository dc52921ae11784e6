package io.keyfleet.sim;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import io.keyfleet.sim.admin.AdminClient;
import io.keyfleet.sim.admin.AdminCredentials;
import io.keyfleet.sim.attest.SimulatorPolicy;
import io.keyfleet.sim.attest.TpmRegistration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Devices that attest with EAT against the real auth-server (jar, dev mode, own data
 * directory), rate limits raised for the load runs: registration with the
 * {@code attestation} object, tokens whose {@code att.status} follows the reported
 * firmware, the challenge retry on {@code use_attestation_challenge} and
 * {@code use_fresh_attestation}, TPM 2.0 quotes of a software TPM (when swtpm and
 * tpm2-tools are installed), and load with fresh evidence every time and with the
 * server's cached result, also with sender-constrained tokens ({@code --binding dpop},
 * {@code mtls}). The server runs outside the repository, so it seeds no policy: the test
 * puts KF-SIM-1's through the admin API, as an operator would.
 */
class AttestationEndToEndIT {

	private static final int DEVICES = 20;

	@TempDir
	static Path directory;

	static AuthServerProcess server;

	static AdminClient admin;

	static Path fleet;

	static JsonNode healthy;

	static JsonNode older;

	@BeforeAll
	static void startServerAndCreateFleet() throws Exception {
		server = AuthServerProcess.start("attestation-e2e", "--keyfleet.rate-limit.token-per-client-rate=100000",
				"--keyfleet.rate-limit.token-per-client-burst=100000",
				"--keyfleet.rate-limit.token-per-address-rate=1000000",
				"--keyfleet.rate-limit.token-per-address-burst=1000000",
				"--keyfleet.rate-limit.challenge-per-address-rate=1000000",
				"--keyfleet.rate-limit.challenge-per-address-burst=1000000");
		HttpTransport http = new HttpTransport(TlsContext.socketFactory(server.caFile()), Duration.ofSeconds(10), null);
		AuthorizationServerMetadata metadata = ServerMetadata.discover(URI.create(server.issuer()), http);
		admin = new AdminClient(http, metadata, AdminCredentials.resolve(null, null, server.adminClientFile(), Map.of()));
		admin.putAttestationPolicy("KF-SIM-1", SimulatorPolicy.forModel("KF-SIM-1"));
		fleet = directory.resolve("fleet");
		healthy = create(fleet, "--devices", String.valueOf(DEVICES), "--attestation", "eat");
		older = create(directory.resolve("older"), "--devices", "1", "--attestation", "eat", "--firmware", "2.4.0");
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void fleetCreateWhenAttestationEatThenRegisteredAndAttestationKeysKeptOwnerOnly() throws Exception {
		assertThat(healthy.get("created").asInt()).isEqualTo(DEVICES);
		assertThat(healthy.get("attestation").asString()).isEqualTo("eat");
		assertThat(healthy.toString()).doesNotContain("PRIVATE KEY");
		Path attestation = fleet.resolve("attestation");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(attestation))).isEqualTo("rwx------");
		try (Stream<Path> files = Files.list(attestation)) {
			assertThat(files.toList()).hasSize(DEVICES).allSatisfy((file) -> assertThat(
					PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------"));
		}
	}

	@Test
	void tokenWhenRecommendedFirmwareThenAttAffirming() {
		JsonNode token = sim("token", "--device", id(healthy, 1), "--fleet-dir", fleet.toString(), "--json");

		assertThat(token.get("claims").get("att").get("status").asString()).isEqualTo("affirming");
		assertThat(token.get("claims").get("att").get("fmt").asString()).isEqualTo("eat");
	}

	@Test
	void tokenWhenFirmwareBelowRecommendedThenAttWarning() {
		JsonNode token = sim("token", "--device", id(older, 0), "--fleet-dir", directory.resolve("older").toString(),
				"--json");

		assertThat(token.get("claims").get("att").get("status").asString()).isEqualTo("warning");
	}

	@Test
	void tokenWhenAskedOnlyAndNoResultYetThenEvidenceAfterUseAttestationChallenge() {
		CommandRun run = CommandRun.execute("token", "--device", id(healthy, 2), "--fleet-dir", fleet.toString(),
				"--attest", "when-asked", "--json", "--verbose");

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		assertRetriedWithEvidence(run);
		assertThat(JsonOutput.parse(run.out()).get("claims").get("att").get("status").asString()).isEqualTo("affirming");
	}

	@Test
	void tokenWhenSteppedUpThenFreshEvidenceAfterUseFreshAttestation() {
		String device = id(healthy, 3);
		sim("token", "--device", device, "--fleet-dir", fleet.toString(), "--json");
		admin.deviceAction(device, "step-up");

		CommandRun run = CommandRun.execute("token", "--device", device, "--fleet-dir", fleet.toString(), "--attest",
				"when-asked", "--json", "--verbose");

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		assertRetriedWithEvidence(run);
	}

	@Test
	void tokenWhenDebugEnabledThenRefusedInvalidClientAttestation() {
		Path debug = directory.resolve("debug");
		JsonNode created = create(debug, "--devices", "1", "--attestation", "eat", "--debug", "enabled");

		CommandRun run = CommandRun.execute("token", "--device", id(created, 0), "--fleet-dir", debug.toString());

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OAUTH_ERROR);
		assertThat(run.err()).contains("HTTP 401 invalid_client_attestation");
	}

	@Test
	void tokenWhenTpmQuoteOfHealthyBootThenAffirmingAndOfTamperedBootRefused() throws Exception {
		assumeTrue(TpmRegistration.available(), "swtpm and tpm2-tools are not on the PATH");
		Path tpm = directory.resolve("tpm");
		Path tampered = directory.resolve("tpm-tampered");
		JsonNode healthyTpm = create(tpm, "--devices", "1", "--attestation", "tpm2-quote");
		JsonNode tamperedTpm = create(tampered, "--devices", "1", "--attestation", "tpm2-quote", "--tamper", "bootloader");

		JsonNode token = sim("token", "--device", id(healthyTpm, 0), "--fleet-dir", tpm.toString(), "--json");
		CommandRun refused = CommandRun.execute("token", "--device", id(tamperedTpm, 0), "--fleet-dir",
				tampered.toString());

		assertThat(token.get("claims").get("att").get("status").asString()).isEqualTo("affirming");
		assertThat(token.get("claims").get("att").get("fmt").asString()).isEqualTo("tpm2-quote");
		assertThat(refused.exitCode()).isEqualTo(ExitCodes.OAUTH_ERROR);
		assertThat(refused.err()).contains("HTTP 401 invalid_client_attestation");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
				tpm.resolve("attestation").resolve(id(healthyTpm, 0) + ".tpm")))).isEqualTo("rwx------");
	}

	@Test
	void loadWhenFreshEvidenceEveryTimeThenOneChallengePerRequestAndNoErrors() {
		JsonNode report = sim("load", "--fleet-dir", fleet.toString(), "--requests", "200", "--concurrency", "4",
				"--attest", "always", "--json");

		assertThat(report.get("ok").asLong()).isEqualTo(200);
		assertThat(report.get("errors_by_kind").isEmpty()).isTrue();
		assertThat(report.get("attestation").get("mode").asString()).isEqualTo("always");
		assertThat(report.get("attestation").get("devices").asInt()).isEqualTo(DEVICES);
		assertThat(report.get("attestation").get("challenges").asLong()).isEqualTo(200);
		assertThat(report.get("attestation").get("retries").asLong()).isZero();
	}

	@Test
	void loadWhenCachedResultThenAtMostOneChallengePerDeviceAndNoErrors() {
		JsonNode report = sim("load", "--fleet-dir", fleet.toString(), "--requests", "200", "--concurrency", "4",
				"--attest", "when-asked", "--json");

		assertThat(report.get("ok").asLong()).isEqualTo(200);
		assertThat(report.get("errors_by_kind").isEmpty()).isTrue();
		assertThat(report.get("attestation").get("mode").asString()).isEqualTo("when-asked");
		assertThat(report.get("attestation").get("challenges").asLong()).isLessThanOrEqualTo(DEVICES)
			.isEqualTo(report.get("attestation").get("retries").asLong());
	}

	@Test
	void tokenWhenBindingDpopAndFreshEvidenceThenDpopBoundTokenWithAttAffirming() {
		JsonNode token = sim("token", "--device", id(healthy, 4), "--fleet-dir", fleet.toString(), "--binding", "dpop",
				"--attest", "always", "--json");

		assertThat(token.get("token_response").get("token_type").asString()).isEqualTo("DPoP");
		assertThat(token.get("claims").get("cnf").has("jkt")).isTrue();
		assertThat(token.get("claims").get("att").get("status").asString()).isEqualTo("affirming");
	}

	@Test
	void tokenWhenBindingMtlsAndFreshEvidenceThenCertificateBoundTokenWithAttAffirming() {
		CommandRun run = CommandRun.execute("token", "--device", id(healthy, 5), "--fleet-dir", fleet.toString(),
				"--binding", "mtls", "--attest", "always", "--json", "--verbose");

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		assertThat(oauthTrace(run)).containsExactly("/oauth2/challenge -> HTTP 200", "/oauth2/token -> HTTP 200");
		JsonNode claims = JsonOutput.parse(run.out()).get("claims");
		assertThat(claims.get("cnf").has("x5t#S256")).isTrue();
		assertThat(claims.get("att").get("status").asString()).isEqualTo("affirming");
	}

	@Test
	void loadWhenBindingMtlsAndFreshEvidenceThenChallengesOverTheDevicesOwnConnectionsAndNoErrors() {
		JsonNode report = sim("load", "--fleet-dir", fleet.toString(), "--devices", "2", "--binding", "mtls",
				"--requests", "40", "--concurrency", "2", "--attest", "always", "--json");

		assertThat(report.get("binding").asString()).isEqualTo("mtls");
		assertThat(report.get("ok").asLong()).isEqualTo(40);
		assertThat(report.get("errors_by_kind").isEmpty()).isTrue();
		assertThat(report.get("attestation").get("challenges").asLong()).isEqualTo(40);
		// challenge and token request share the device's kept-alive connection: none opened for challenges
		assertThat(report.get("connections_opened").asInt()).isBetween(2, 4);
	}

	@Test
	void loadWhenBindingDpopAndFreshEvidenceThenNoErrors() {
		JsonNode report = sim("load", "--fleet-dir", fleet.toString(), "--devices", "4", "--binding", "dpop",
				"--requests", "40", "--concurrency", "2", "--attest", "always", "--json");

		assertThat(report.get("binding").asString()).isEqualTo("dpop");
		assertThat(report.get("ok").asLong()).isEqualTo(40);
		assertThat(report.get("errors_by_kind").isEmpty()).isTrue();
		assertThat(report.get("attestation").get("challenges").asLong()).isEqualTo(40);
	}

	/** The --verbose trace: token request refused with 400, challenge, token request with evidence. */
	private static void assertRetriedWithEvidence(CommandRun run) {
		assertThat(oauthTrace(run)).containsExactly("/oauth2/token -> HTTP 400", "/oauth2/challenge -> HTTP 200",
				"/oauth2/token -> HTTP 200");
	}

	/** The --verbose trace of the token and challenge endpoints, in order. */
	static List<String> oauthTrace(CommandRun run) {
		return run.err()
			.lines()
			.filter((line) -> line.contains("/oauth2/token") || line.contains("/oauth2/challenge"))
			.map((line) -> line.substring(line.indexOf("/oauth2/")))
			.toList();
	}

	private static JsonNode create(Path fleetDirectory, String... options) {
		String[] common = { "fleet", "create", "--server", server.issuer(), "--ca-file", server.caFile().toString(),
				"--admin-client-file", server.adminClientFile().toString(), "--fleet-dir", fleetDirectory.toString(),
				"--auth", "private_key_jwt", "--json" };
		String[] args = Stream.concat(Stream.of(common), Stream.of(options)).toArray(String[]::new);
		return sim(args);
	}

	private static String id(JsonNode created, int index) {
		return created.get("ids").get(index).asString();
	}

	/** Runs a command that must succeed, and parses its JSON output. */
	private static JsonNode sim(String... args) {
		CommandRun run = CommandRun.execute(args);
		assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
		return JsonOutput.parse(run.out());
	}

}
