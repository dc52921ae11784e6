package io.keyfleet.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.keyfleet.sim.fleet.DeviceRecord;
import io.keyfleet.sim.fleet.FleetStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that is down, slow, or answers garbage: every command says so in one line on
 * stderr and exits non-zero, never with a stack trace, never with a secret; {@code load}
 * counts each such answer by kind.
 */
class BadServerTests {

	private static final String ADMIN_SECRET = "admin-secret-never-printed";

	@TempDir
	static Path directory;

	static HttpsServer server;

	static Path caFile;

	static String issuer;

	static int closedPort;

	@BeforeAll
	static void start() throws Exception {
		TestPki pki = TestPki.create("bad-server");
		caFile = pki.writeCaPem(directory.resolve("root.pem"));
		server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(pki.serverSslContext()));
		issuer = "https://127.0.0.1:" + server.getAddress().getPort();
		// RFC 8414 3.1: the metadata of issuer <host>/x is at <host>/.well-known/oauth-authorization-server/x
		server.createContext(ServerMetadata.WELL_KNOWN + "/garbage", (exchange) -> answer(exchange, 200, "text/html",
				"<html><body>It works!</body></html>"));
		server.createContext(ServerMetadata.WELL_KNOWN + "/slow", (exchange) -> answer(exchange, 200,
				"application/json", "{\"issuer\":\"" + issuer + "/slow\",\"token_endpoint\":\"" + issuer
						+ "/slow/oauth2/token\"}"));
		server.createContext(ServerMetadata.WELL_KNOWN, (exchange) -> answer(exchange, 200, "application/json",
				"{\"issuer\":\"" + issuer + "\",\"token_endpoint\":\"" + issuer + "/oauth2/token\"}"));
		server.createContext("/oauth2/token", (exchange) -> answer(exchange, 500, "text/html", "<h1>Oops</h1>"));
		server.createContext("/slow/oauth2/token", (exchange) -> {
			sleep(2500);
			answer(exchange, 200, "application/json", "{}");
		});
		server.start();
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
	}

	@AfterAll
	static void stop() {
		server.stop(0);
	}

	@Test
	void fleetCreateWhenServerDownThenOneLineAndExit1() {
		CommandRun run = CommandRun.execute("fleet", "create", "--server", "https://127.0.0.1:" + closedPort,
				"--ca-file", caFile.toString(), "--admin-secret", ADMIN_SECRET, "--devices", "2", "--auth",
				"private_key_jwt", "--fleet-dir", directory.resolve("down").toString());

		assertOneLineFailure(run, "cannot connect to 127.0.0.1:" + closedPort);
		assertThat(directory.resolve("down").resolve("fleet.json")).as("no fleet bound to a server never reached")
			.doesNotExist();
	}

	@Test
	void attackWhenServerAnswersGarbageThenOneLineAndExit1() {
		CommandRun run = CommandRun.execute("attack", "all", "--server", issuer + "/garbage", "--ca-file",
				caFile.toString(), "--admin-secret", ADMIN_SECRET);

		assertOneLineFailure(run, "is not RFC 8414 metadata");
	}

	@Test
	void tokenWhenTokenEndpointAnswersHtmlThenOneLineAndExit1() {
		CommandRun run = CommandRun.execute("token", "--server", issuer, "--ca-file", caFile.toString(), "--client-id",
				"dev-1", "--secret", ADMIN_SECRET);

		assertOneLineFailure(run, "without a JSON object body");
	}

	@Test
	void loadWhenTokenEndpointAnswersHtml500ThenCountedByKindAndExit3() {
		Path fleet = fleet("html", issuer);

		CommandRun run = CommandRun.execute("load", "--fleet-dir", fleet.toString(), "--requests", "5",
				"--concurrency", "2", "--json");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OAUTH_ERROR);
		JsonNode report = JsonOutput.parse(run.out());
		assertThat(report.get("errors_by_kind").get("http_500").asLong()).isEqualTo(5);
		assertThat(report.get("ok").asLong()).isZero();
		assertThat(run.out() + run.err()).doesNotContain(ADMIN_SECRET).doesNotContain("\tat ");
	}

	@Test
	void loadWhenTokenEndpointTooSlowThenTimeoutsCountedAndExit1() {
		Path fleet = fleet("slow", issuer + "/slow");

		CommandRun run = CommandRun.execute("load", "--fleet-dir", fleet.toString(), "--requests", "2",
				"--concurrency", "2", "--timeout", "1", "--json");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
		assertThat(JsonOutput.parse(run.out()).get("errors_by_kind").get("timeout").asLong()).isEqualTo(2);
	}

	@Test
	void loadWhenServerDownThenOneLineAndExit1() {
		CommandRun run = CommandRun.execute("load", "--fleet-dir",
				fleet("down", "https://127.0.0.1:" + closedPort).toString(), "--requests", "5");

		assertOneLineFailure(run, "cannot connect to 127.0.0.1:" + closedPort);
	}

	@Test
	void callWhenDeviceUnknownThenOneLineAndExit1() {
		CommandRun run = CommandRun.execute("call", "--device", "dev-404", "--fleet-dir",
				fleet("empty", issuer).toString(), "GET", issuer + "/x");

		assertOneLineFailure(run, "device dev-404 is not in the fleet");
	}

	private static void assertOneLineFailure(CommandRun run, String message) {
		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.SOFTWARE);
		assertThat(run.err()).contains(message).doesNotContain("\tat ").doesNotContain(ADMIN_SECRET);
		assertThat(run.err().lines()).hasSize(1);
		assertThat(run.out()).isEmpty();
	}

	private static Path fleet(String name, String serverIssuer) {
		FleetStore store = new FleetStore(directory.resolve("fleet-" + name));
		store.bind(java.net.URI.create(serverIssuer), caFile);
		store.save(new DeviceRecord("dev-1", ClientAuthMethod.CLIENT_SECRET_BASIC, "KF-SIM-1", null, null,
				ADMIN_SECRET, List.of(), List.of("https://localhost:8444"), Instant.now()));
		return store.directory();
	}

	private static void answer(HttpExchange exchange, int status, String contentType, String body)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
