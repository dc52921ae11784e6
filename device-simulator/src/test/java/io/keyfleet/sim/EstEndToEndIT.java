package io.keyfleet.sim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import io.keyfleet.sim.admin.AdminClient;
import io.keyfleet.sim.admin.AdminCredentials;
import io.keyfleet.sim.est.EnrolledCertificates;
import io.keyfleet.sim.fleet.FleetStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code enroll}, {@code renew}, tokens over {@code tls_client_auth} with the enrolled
 * certificate, the EST attack scenarios and the EST and OCSP load modes, against the real
 * auth-server (jar, dev mode) with a manufacturer CA configured beside the dev device CA
 * (so that factory certificates are trusted) and raised EST rate limits.
 */
class EstEndToEndIT {

	@TempDir
	static Path directory;

	static AuthServerProcess server;

	static TestManufacturerCa manufacturer;

	@BeforeAll
	static void startServer() throws Exception {
		manufacturer = new TestManufacturerCa("Sim Test Manufacturing CA");
		Path manufacturerPem = manufacturer.writeCertificate(directory.resolve("manufacturer-ca.pem"));
		server = AuthServerProcess.start("est-e2e",
				"--keyfleet.mtls.trusted-ca-files[0]=${keyfleet.data-dir}/ca/device-ca.pem",
				"--keyfleet.mtls.trusted-ca-files[1]=" + manufacturerPem,
				"--keyfleet.rate-limit.est-per-address-rate=100000", "--keyfleet.rate-limit.est-per-address-burst=100000");
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void enrollWhenTokenFromTheAdminApiThenCertificateKeptOwnerOnlyAndTokenBoundToIt() throws Exception {
		Path fleet = directory.resolve("admin-token");
		String id = createTlsDevice(fleet);

		CommandRun enroll = enroll(id, fleet, "--json");

		assertThat(enroll.exitCode()).as(enroll.err()).isEqualTo(ExitCodes.OK);
		JsonNode enrolled = JsonOutput.parse(enroll.out());
		assertThat(enrolled.get("subject").asString()).isEqualTo("CN=" + id);
		assertThat(enrolled.get("authentication").asString()).isEqualTo("enrollment-token");
		Path file = Path.of(enrolled.get("file").asString());
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(Files.readString(file)).contains("BEGIN CERTIFICATE", "BEGIN PRIVATE KEY");

		JsonNode token = token(id, fleet);
		assertThat(token.get("claims").get("sub").asString()).isEqualTo(id);
		assertThat(token.get("claims").get("cnf").get("x5t#S256").asString())
			.isEqualTo(enrolled.get("x5t#S256").asString());
	}

	@Test
	void enrollWhenGivenTokenForDeviceOutsideTheFleetThenAddedAsTlsClientAuthDevice() throws Exception {
		String id = createTlsDevice(directory.resolve("registrar"));
		Path fleet = directory.resolve("given-token");
		String enrollmentToken = admin().enrollmentToken(id);

		CommandRun enroll = sim("enroll", id, "--enrollment-token", enrollmentToken, "--fleet-dir", fleet.toString(),
				"--json");

		assertThat(enroll.exitCode()).as(enroll.err()).isEqualTo(ExitCodes.OK);
		assertThat(new FleetStore(fleet).load(id).method()).isEqualTo(ClientAuthMethod.TLS_CLIENT_AUTH);
		assertThat(token(id, fleet).get("claims").get("cnf").get("x5t#S256").asString())
			.isEqualTo(JsonOutput.parse(enroll.out()).get("x5t#S256").asString());

		CommandRun again = sim("enroll", id, "--enrollment-token", enrollmentToken, "--fleet-dir", fleet.toString());

		assertThat(again.exitCode()).isEqualTo(ExitCodes.OAUTH_ERROR);
		assertThat(again.err()).contains("HTTP 401", "enrollment token is unknown, used or expired");
		assertThat(again.err().lines()).hasSize(1);
	}

	@Test
	void enrollWhenFactoryCertificateOfTheManufacturerThenIssued() throws Exception {
		Path fleet = directory.resolve("factory");
		String id = createTlsDevice(fleet);
		Path[] factory = manufacturer.issueFactoryCertificate(id, directory);

		CommandRun enroll = sim("enroll", id, "--factory-cert", factory[0].toString(), "--factory-key",
				factory[1].toString(), "--fleet-dir", fleet.toString(), "--json");

		assertThat(enroll.exitCode()).as(enroll.err()).isEqualTo(ExitCodes.OK);
		JsonNode enrolled = JsonOutput.parse(enroll.out());
		assertThat(enrolled.get("authentication").asString()).isEqualTo("factory-certificate");
		assertThat(enrolled.get("subject").asString()).isEqualTo("CN=" + id);
		assertThat(token(id, fleet).get("claims").get("sub").asString()).isEqualTo(id);
	}

	@Test
	void renewWhenNewKeyOrSameKeyThenNewCertificateAndTokensBoundToIt() throws Exception {
		Path fleet = directory.resolve("renew");
		String id = createTlsDevice(fleet);
		JsonNode first = JsonOutput.parse(enroll(id, fleet, "--json").out());
		EnrolledCertificates stored = new EnrolledCertificates(new FleetStore(fleet));
		byte[] firstKey = stored.require(id).certificate().getPublicKey().getEncoded();

		CommandRun renew = sim("renew", id, "--fleet-dir", fleet.toString(), "--json");

		assertThat(renew.exitCode()).as(renew.err()).isEqualTo(ExitCodes.OK);
		JsonNode renewed = JsonOutput.parse(renew.out());
		assertThat(renewed.get("previous_serial").asString()).isEqualTo(first.get("serial").asString());
		assertThat(renewed.get("serial").asString()).isNotEqualTo(first.get("serial").asString());
		assertThat(renewed.get("key").asString()).isEqualTo("new");
		byte[] secondKey = stored.require(id).certificate().getPublicKey().getEncoded();
		assertThat(secondKey).isNotEqualTo(firstKey);

		CommandRun again = sim("renew", id, "--reuse-key", "--fleet-dir", fleet.toString(), "--json");

		assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
		assertThat(stored.require(id).certificate().getPublicKey().getEncoded()).isEqualTo(secondKey);
		assertThat(token(id, fleet).get("claims").get("cnf").get("x5t#S256").asString())
			.isEqualTo(JsonOutput.parse(again.out()).get("x5t#S256").asString());
	}

	@Test
	void renewWhenCertificateRevokedThenRefusedAndTheStoredPairKept() throws Exception {
		Path fleet = directory.resolve("renew-revoked");
		String id = createTlsDevice(fleet);
		assertThat(enroll(id, fleet).exitCode()).isEqualTo(ExitCodes.OK);
		EnrolledCertificates stored = new EnrolledCertificates(new FleetStore(fleet));
		byte[] before = Files.readAllBytes(stored.file(id));
		admin().revokeCertificate(stored.require(id).certificate().getSerialNumber(), null);

		CommandRun renew = sim("renew", id, "--fleet-dir", fleet.toString());

		assertThat(renew.exitCode()).isEqualTo(ExitCodes.OAUTH_ERROR);
		assertThat(renew.err()).contains("EST simplereenroll refused with HTTP 401");
		assertThat(Files.readAllBytes(stored.file(id))).isEqualTo(before);
		CommandRun token = sim("token", "--device", id, "--fleet-dir", fleet.toString());
		assertThat(token.exitCode()).isEqualTo(ExitCodes.OAUTH_ERROR);
		assertThat(token.err()).contains("invalid_client");
	}

	@Test
	void attackWhenEstScenariosWithoutResourceServerThenEachRefused() throws Exception {
		String nobody;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			nobody = "https://localhost:" + socket.getLocalPort();
		}
		for (String scenario : new String[] { "enrollment-token-reuse", "csr-for-another-device",
				"revoked-certificate" }) {
			CommandRun run = sim("attack", scenario, "--admin-client-file", server.adminClientFile().toString(),
					"--resource-server", nobody, "--json");

			assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
			JsonNode result = JsonOutput.parse(run.out()).get("results").get(0);
			assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo("refused");
		}
	}

	@Test
	void loadWhenEachPkiModeThenNoErrors() {
		String[][] modes = { { "--mode", "enroll", "--requests", "60" },
				{ "--mode", "reenroll", "--requests", "60" }, { "--mode", "ocsp", "--requests", "100" },
				{ "--mode", "ocsp", "--ocsp-nonce", "--duration", "1s", "--warmup", "200ms" } };
		for (String[] mode : modes) {
			java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("load", "--devices", "5",
					"--concurrency", "4", "--admin-client-file", server.adminClientFile().toString(), "--json"));
			args.addAll(java.util.List.of(mode));

			CommandRun run = sim(args.toArray(new String[0]));

			assertThat(run.exitCode()).as(String.join(" ", mode) + ": " + run.out() + run.err()).isEqualTo(ExitCodes.OK);
			JsonNode report = JsonOutput.parse(run.out());
			assertThat(report.get("errors").asLong()).isZero();
			assertThat(report.get("ok").asLong()).isPositive().isEqualTo(report.get("requests").asLong());
			assertThat(report.get("devices").get("tls_client_auth").asInt()).isEqualTo(5);
			assertThat(report.get("operation").asString()).isEqualTo(switch (mode[1]) {
				case "enroll" -> "simpleenroll";
				case "reenroll" -> "simplereenroll";
				default -> (mode.length > 2 && mode[2].equals("--ocsp-nonce")) ? "ocsp-with-nonce" : "ocsp";
			});
		}
	}

	@Test
	void loadWhenEnrollWithoutRequestsThenUsageError() {
		CommandRun run = sim("load", "--mode", "enroll", "--duration", "1s");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("--mode enroll needs --requests N");
	}

	private static String createTlsDevice(Path fleet) {
		CommandRun run = sim("fleet", "create", "--admin-client-file", server.adminClientFile().toString(),
				"--fleet-dir", fleet.toString(), "--devices", "1", "--auth", "tls_client_auth", "--json");
		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		return JsonOutput.parse(run.out()).get("ids").get(0).asString();
	}

	/** {@code enroll} with an enrollment token fetched through the admin API. */
	private static CommandRun enroll(String id, Path fleet, String... more) {
		java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("enroll", id, "--admin-client-file",
				server.adminClientFile().toString(), "--fleet-dir", fleet.toString()));
		args.addAll(java.util.List.of(more));
		return sim(args.toArray(new String[0]));
	}

	private static JsonNode token(String id, Path fleet) {
		CommandRun run = sim("token", "--device", id, "--fleet-dir", fleet.toString(), "--json");
		assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
		return JsonOutput.parse(run.out());
	}

	private static AdminClient admin() {
		HttpTransport http = new HttpTransport(TlsContext.socketFactory(server.caFile()), Duration.ofSeconds(10), null);
		return new AdminClient(http, ServerMetadata.discover(java.net.URI.create(server.issuer()), http),
				AdminCredentials.resolve(null, null, server.adminClientFile(), Map.of()));
	}

	/** Runs the CLI against this test's server (the fleet's server once bound). */
	static CommandRun sim(String... args) {
		String[] all = new String[args.length + 4];
		System.arraycopy(args, 0, all, 0, args.length);
		System.arraycopy(new String[] { "--server", server.issuer(), "--ca-file", server.caFile().toString() }, 0, all,
				args.length, 4);
		return CommandRun.execute(all);
	}

}
