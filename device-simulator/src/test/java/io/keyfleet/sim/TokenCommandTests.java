package io.keyfleet.sim;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code keyfleet-sim token} end to end over real HTTPS against
 * {@link StandInAuthorizationServer}, a small local server that really checks the client
 * authentication and issues signed access tokens, trusted through a CA file written by the
 * test.
 *
 * <p>The stand-in is acceptable only until the simulator-driven integration tests of issue
 * 4 (failsafe, against the real auth-server jar in dev mode) replace it; those prove the
 * contract with Keyfleet's own server.
 */
class TokenCommandTests {

	private static final String SECRET = "s3cret with spaces & symbols: %+/=é";

	private static final String JWT_SECRET = "a-client-secret-of-at-least-32-bytes-for-HS256";

	@TempDir
	static Path directory;

	static TestPki pki;

	static StandInAuthorizationServer server;

	static Path caFile;

	static KeyPair deviceKeys;

	static Path deviceKeyFile;

	@BeforeAll
	static void startServer() throws Exception {
		pki = TestPki.create("stand-in");
		caFile = pki.writeCaPem(directory.resolve("root.pem"));
		server = StandInAuthorizationServer.start(pki);
		server.registerClientSecretBasic("svc-basic", SECRET);
		server.registerClientSecretJwt("svc-jwt", JWT_SECRET);
		deviceKeys = EcKeys.generate();
		deviceKeyFile = directory.resolve("dev-0001.pem");
		Files.writeString(deviceKeyFile, Pem.encodePrivateKey(deviceKeys.getPrivate()), StandardCharsets.US_ASCII);
		server.registerPrivateKeyJwt("dev-0001", (ECPublicKey) deviceKeys.getPublic());
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	private static CommandRun token(String... args) {
		List<String> all = new ArrayList<>(
				List.of("token", "--server", server.issuer(), "--ca-file", caFile.toString()));
		all.addAll(List.of(args));
		return CommandRun.execute(all.toArray(new String[0]));
	}

	@Test
	void tokenWhenClientSecretBasicThenServerAuthenticatesAndClaimsPrinted() {
		CommandRun run = token("--client-id", "svc-basic", "--secret", SECRET, "--scope", "fleet:read", "--json");

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		assertThat(server.lastExchange().authMethod()).isEqualTo("client_secret_basic");
		assertThat(server.lastExchange().clientId()).isEqualTo("svc-basic");
		JsonNode result = JsonOutput.parse(run.out());
		assertThat(result.get("http_status").asInt()).isEqualTo(200);
		assertThat(result.get("token_response").get("token_type").asString()).isEqualTo("Bearer");
		assertThat(result.get("token_response").get("expires_in").asInt()).isEqualTo(300);
		assertThat(result.get("header").get("typ").asString()).isEqualTo("at+jwt");
		assertThat(result.get("header").get("alg").asString()).isEqualTo("ES256");
		assertThat(result.get("claims").get("sub").asString()).isEqualTo("svc-basic");
		assertThat(result.get("claims").get("scope").asString()).isEqualTo("fleet:read");
		assertThat(run.err()).isEmpty();
	}

	@Test
	void tokenWhenPrivateKeyJwtThenServerVerifiesAssertionWithRegisteredKey() {
		CommandRun run = token("--client-id", "dev-0001", "--key", deviceKeyFile.toString(), "--kid", "k1", "--json");

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		StandInAuthorizationServer.Exchange exchange = server.lastExchange();
		assertThat(exchange.authMethod()).isEqualTo("private_key_jwt");
		assertThat(exchange.clientId()).isEqualTo("dev-0001");
		assertThat(exchange.assertion().getHeader().getKeyID()).isEqualTo("k1");
		assertThat(exchange.parameters()).doesNotContainKey("scope").doesNotContainKey("resource");
		assertThat(JsonOutput.parse(run.out()).get("claims").get("sub").asString()).isEqualTo("dev-0001");
	}

	@Test
	void tokenWhenClientSecretJwtThenServerVerifiesHs256Assertion() {
		CommandRun run = token("--client-id", "svc-jwt", "--secret", JWT_SECRET, "--auth", "client_secret_jwt",
				"--json");

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		assertThat(server.lastExchange().authMethod()).isEqualTo("client_secret_jwt");
		assertThat(server.lastExchange().assertion().getHeader().getAlgorithm().getName()).isEqualTo("HS256");
	}

	@Test
	void tokenWhenScopesAndResourcesThenSentAsParametersAndTokenAudience() {
		CommandRun run = token("--client-id", "svc-basic", "--secret", SECRET, "--scope", "telemetry:write config:read",
				"--scope", "firmware:read", "--resource", "https://localhost:8444", "--resource",
				"https://api.example.test", "--json");

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		assertThat(server.lastExchange().parameters().get("scope"))
			.containsExactly("telemetry:write config:read firmware:read");
		assertThat(server.lastExchange().parameters().get("resource")).containsExactly("https://localhost:8444",
				"https://api.example.test");
		JsonNode aud = JsonOutput.parse(run.out()).get("claims").get("aud");
		assertThat(aud.values()).extracting(JsonNode::asString)
			.containsExactly("https://localhost:8444", "https://api.example.test");
	}

	@Test
	void tokenWhenTextOutputThenAccessTokenRedactedAndClaimsShown() {
		CommandRun run = token("--client-id", "svc-basic", "--secret", SECRET);

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		String accessToken = server.lastExchange().accessToken();
		assertThat(run.out()).doesNotContain(accessToken)
			.doesNotContain(SECRET)
			.contains(TokenOutput.REDACTED)
			.contains("Access token claims")
			.contains("\"svc-basic\"")
			.contains("at+jwt");
	}

	@Test
	void tokenWhenShowSecretsThenPrintsTheSignedAccessTokenTheServerIssued() throws Exception {
		CommandRun run = token("--client-id", "svc-basic", "--secret", SECRET, "--show-secrets", "--json");

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		String printed = JsonOutput.parse(run.out()).get("token_response").get("access_token").asString();
		assertThat(printed).isEqualTo(server.lastExchange().accessToken());
		assertThat(SignedJWT.parse(printed).verify(new ECDSAVerifier(server.signingKey()))).isTrue();
	}

	@Test
	void tokenWhenServerAnswersInvalidClientThenExitCode3AndErrorPrinted() {
		CommandRun run = token("--client-id", "svc-basic", "--secret", "wrong-secret");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OAUTH_ERROR);
		assertThat(run.err()).contains("HTTP 401").contains("invalid_client").doesNotContain("wrong-secret");
		assertThat(run.err().lines()).hasSize(1);
		assertThat(run.out()).isEmpty();
	}

	@Test
	void tokenWhenServerAnswersInvalidClientAndJsonThenErrorResponseOnStdout() {
		CommandRun run = token("--client-id", "dev-0001", "--key", writeKey("other.pem"), "--json");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OAUTH_ERROR);
		JsonNode result = JsonOutput.parse(run.out());
		assertThat(result.get("http_status").asInt()).isEqualTo(401);
		assertThat(result.get("token_response").get("error").asString()).isEqualTo("invalid_client");
		assertThat(result.has("claims")).isFalse();
	}

	@Test
	void tokenWhenServerUnreachableThenExitCode1AndOneLineError() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		CommandRun run = CommandRun.execute("token", "--server", "https://127.0.0.1:" + closedPort, "--ca-file",
				caFile.toString(), "--client-id", "svc-basic", "--secret", SECRET);

		assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
		assertThat(run.err()).startsWith("keyfleet-sim token: cannot connect to 127.0.0.1:" + closedPort)
			.doesNotContain("\tat ")
			.doesNotContain(SECRET);
		assertThat(run.err().lines()).hasSize(1);
	}

	@Test
	void tokenWhenCaFileDoesNotTrustServerThenExitCode1AndTlsError() throws Exception {
		Path otherCa = TestPki.create("other").writeCaPem(directory.resolve("other-root.pem"));

		CommandRun run = CommandRun.execute("token", "--server", server.issuer(), "--ca-file", otherCa.toString(),
				"--client-id", "svc-basic", "--secret", SECRET);

		assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
		assertThat(run.err()).contains("TLS with 127.0.0.1").doesNotContain("\tat ");
		assertThat(run.err().lines()).hasSize(1);
	}

	@Test
	void tokenWhenCaFileMissingThenExitCode1AndHint() {
		CommandRun run = CommandRun.execute("token", "--server", server.issuer(), "--ca-file",
				directory.resolve("missing.pem").toString(), "--client-id", "svc-basic", "--secret", SECRET);

		assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
		assertThat(run.err()).contains("missing.pem not found").contains("--ca-file");
	}

	@Test
	void tokenWhenMetadataNamesAnotherIssuerThenExitCode1() throws Exception {
		try (StandInAuthorizationServer impostor = StandInAuthorizationServer.start(pki)) {
			impostor.registerClientSecretBasic("svc-basic", SECRET);
			impostor.advertiseIssuer("https://elsewhere.example.test");

			CommandRun run = CommandRun.execute("token", "--server", impostor.issuer(), "--ca-file",
					caFile.toString(), "--client-id", "svc-basic", "--secret", SECRET);

			assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
			assertThat(run.err()).contains("names issuer https://elsewhere.example.test").contains("8414");
			assertThat(impostor.exchanges()).isEmpty();
		}
	}

	@Test
	void tokenWhenKeyFileMissingThenExitCode1BeforeAnyRequest() {
		int before = server.exchanges().size();

		CommandRun run = token("--client-id", "dev-0001", "--key", directory.resolve("nope.pem").toString());

		assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
		assertThat(run.err()).contains("nope.pem not found");
		assertThat(server.exchanges()).hasSize(before);
	}

	@Test
	void tokenWhenVerboseThenTracesExchangesWithoutSecrets() {
		CommandRun run = CommandRun.execute("-v", "token", "--server", server.issuer(), "--ca-file",
				caFile.toString(), "--client-id", "svc-basic", "--secret", SECRET);

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		assertThat(run.err()).contains("GET " + server.issuer() + ServerMetadata.WELL_KNOWN + " -> HTTP 200")
			.contains("POST " + server.tokenEndpoint() + " -> HTTP 200")
			.doesNotContain(SECRET);
	}

	private static String writeKey(String name) {
		Path file = directory.resolve(name);
		OwnerOnlyFiles.write(file, Pem.encodePrivateKey(EcKeys.generate().getPrivate())
			.getBytes(StandardCharsets.US_ASCII));
		return file.toString();
	}

}
