package io.keyfleet.sim;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import io.keyfleet.sim.admin.AdminClient;
import io.keyfleet.sim.admin.AdminCredentials;
import io.keyfleet.sim.attest.SimulatorPolicy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP with server nonces (RFC 9449 Sections 8 and 9): the auth-server and resource-sample
 * both started to require them. {@code token} and {@code call} with {@code --binding dpop}
 * answer the {@code use_dpop_nonce} challenge once and succeed (an attesting device with a
 * fresh challenge and evidence); {@code load}, which does not, shows that the challenge is
 * really made.
 */
class DPoPNonceIT {

	@TempDir
	static Path directory;

	static AuthServerProcess server;

	static AuthServerProcess resourceServer;

	static Path fleet;

	static String device;

	static Path attestingFleet;

	static String attestingDevice;

	@BeforeAll
	static void startServersAndCreateDevice() throws Exception {
		server = AuthServerProcess.start("dpop-nonce", "--keyfleet.dpop.require-nonce=true");
		resourceServer = server.startResourceSample("dpop-nonce-resource-sample",
				"--keyfleet.guard.dpop.require-nonce=true");
		fleet = directory.resolve("fleet");
		CommandRun run = CommandRun.execute("fleet", "create", "--server", server.issuer(), "--ca-file",
				server.caFile().toString(), "--admin-client-file", server.adminClientFile().toString(), "--fleet-dir",
				fleet.toString(), "--devices", "1", "--auth", "private_key_jwt", "--json");
		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		device = JsonOutput.parse(run.out()).get("ids").get(0).asString();
		HttpTransport http = new HttpTransport(TlsContext.socketFactory(server.caFile()), Duration.ofSeconds(10), null);
		AuthorizationServerMetadata metadata = ServerMetadata.discover(URI.create(server.issuer()), http);
		new AdminClient(http, metadata, AdminCredentials.resolve(null, null, server.adminClientFile(), Map.of()))
			.putAttestationPolicy("KF-SIM-1", SimulatorPolicy.forModel("KF-SIM-1"));
		attestingFleet = directory.resolve("attesting");
		CommandRun attesting = CommandRun.execute("fleet", "create", "--server", server.issuer(), "--ca-file",
				server.caFile().toString(), "--admin-client-file", server.adminClientFile().toString(), "--fleet-dir",
				attestingFleet.toString(), "--devices", "1", "--auth", "private_key_jwt", "--attestation", "eat",
				"--json");
		assertThat(attesting.exitCode()).as(attesting.err()).isEqualTo(ExitCodes.OK);
		attestingDevice = JsonOutput.parse(attesting.out()).get("ids").get(0).asString();
	}

	@AfterAll
	static void stopServers() {
		if (resourceServer != null) {
			resourceServer.close();
		}
		if (server != null) {
			server.close();
		}
	}

	@Test
	void tokenWhenServerRequiresDpopNonceThenRetriedWithItAndDpopBound() {
		CommandRun run = CommandRun.execute("token", "--device", device, "--fleet-dir", fleet.toString(), "--binding",
				"dpop", "--json");

		assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
		JsonNode token = JsonOutput.parse(run.out());
		assertThat(token.get("token_response").get("token_type").asString()).isEqualTo("DPoP");
		assertThat(token.get("claims").get("cnf").has("jkt")).isTrue();
	}

	@Test
	void tokenWhenAttestingAndServerRequiresDpopNonceThenRetriedWithAFreshChallengeAndEvidence() {
		CommandRun run = CommandRun.execute("token", "--device", attestingDevice, "--fleet-dir",
				attestingFleet.toString(), "--binding", "dpop", "--attest", "always", "--json", "--verbose");

		assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
		// the evidence of the refused request is not sent again: its challenge is single use
		assertThat(AttestationEndToEndIT.oauthTrace(run)).containsExactly("/oauth2/challenge -> HTTP 200",
				"/oauth2/token -> HTTP 400", "/oauth2/challenge -> HTTP 200", "/oauth2/token -> HTTP 200");
		JsonNode token = JsonOutput.parse(run.out());
		assertThat(token.get("token_response").get("token_type").asString()).isEqualTo("DPoP");
		assertThat(token.get("claims").get("att").get("status").asString()).isEqualTo("affirming");
	}

	@Test
	void callWhenBothServersRequireDpopNonceThenEachChallengeAnsweredAndCallSucceeds() {
		CommandRun run = CommandRun.execute("call", "--device", device, "--fleet-dir", fleet.toString(), "--binding",
				"dpop", "--json", "GET", resourceServer.issuer() + "/devices/" + device + "/config");

		assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
		assertThat(JsonOutput.parse(run.out()).get("call").get("status").asInt()).isEqualTo(200);
	}

	@Test
	void loadWhenServerRequiresDpopNonceThenRefusedWithUseDpopNonce() {
		CommandRun run = CommandRun.execute("load", "--fleet-dir", fleet.toString(), "--binding", "dpop", "--requests",
				"2", "--concurrency", "1", "--json");

		assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OAUTH_ERROR);
		assertThat(JsonOutput.parse(run.out()).get("errors_by_kind").propertyNames()).containsExactly(
				"http_400_use_dpop_nonce");
	}

}
