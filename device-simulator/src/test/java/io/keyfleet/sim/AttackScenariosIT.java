package io.keyfleet.sim;

import java.nio.file.Path;

import io.keyfleet.sim.anomaly.Misbehaviours;
import io.keyfleet.sim.attack.AttackScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code attack all} against the real auth-server with its default rate limits (so that
 * brute force meets {@code 429 slow_down}) on a fresh server, and resource-sample on its
 * data directory (for the stolen, replayed and dead token scenarios): every scenario must
 * be refused exactly as the contract says, none skipped.
 */
class AttackScenariosIT {

	@TempDir
	static Path directory;

	static AuthServerProcess server;

	static AuthServerProcess resourceServer;

	@BeforeAll
	static void startServer() throws Exception {
		// the anomaly scenarios warm up a baseline of a few seconds: a 2 s token-rate window (factor 3) judges it
		server = AuthServerProcess.start("attacks", "--keyfleet.anomaly.rate-window=2s",
				"--keyfleet.anomaly.rate-factor=3");
		resourceServer = server.startResourceSample("attacks-resource-sample");
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
	void attackAllWhenFreshServerWithDefaultLimitsThenEveryAttackRefused() {
		CommandRun run = attack("all", "--resource-server", resourceServer.issuer(), "--json");

		JsonNode report = JsonOutput.parse(run.out());
		assertThat(report.get("results").values()).extracting((result) -> result.get("name").asString())
			.containsExactlyElementsOf(AttackScenarios.names());
		assertThat(report.get("results").values()).allSatisfy((result) -> assertThat(result.get("outcome").asString())
			.as(result.toString())
			.isEqualTo("refused"));
		assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
		assertThat(report.get("refused").asInt()).isEqualTo(AttackScenarios.all().size());
		assertThat(report.get("skipped").asInt()).isZero();
		assertThat(report.get("got_through").asInt()).isZero();
		assertThat(report.get("results").values())
			.filteredOn((result) -> Misbehaviours.names().contains(result.get("name").asString()))
			.hasSize(Misbehaviours.all().size())
			.allSatisfy((result) -> assertThat(result.get("observed").asString()).startsWith("detected "));
		assertThat(report.get("results").values())
			.filteredOn((result) -> result.get("name").asString().equals("clone"))
			.singleElement()
			.satisfies((result) -> assertThat(result.get("observed").asString()).contains("device quarantined"));
	}

	@Test
	void attackWhenOneScenarioThenTextVerdict() {
		CommandRun run = attack("assertion-replay");

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		assertThat(run.out()).contains("REFUSED", "assertion-replay", "HTTP 401 invalid_client",
				"1 attacks: 1 refused, 0 got through, 0 errors");
	}

	@Test
	void attackWhenNoResourceServerAnswersThenItsScenariosSkippedAndExit0() throws Exception {
		String nobody;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			nobody = "https://localhost:" + socket.getLocalPort();
		}

		CommandRun run = attack("another-devices-config", "--resource-server", nobody, "--json");

		assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
		JsonNode report = JsonOutput.parse(run.out());
		assertThat(report.get("results").get(0).get("outcome").asString()).isEqualTo("skipped");
		assertThat(report.get("results").get(0).get("observed").asString()).contains(nobody);
		assertThat(report.get("skipped").asInt()).isEqualTo(1);
		assertThat(report.get("refused").asInt()).isZero();
	}

	@Test
	void attackWhenAdminSecretWrongThenExit3AndOneLineWithoutTheSecret() {
		CommandRun run = CommandRun.execute("attack", "alg-none", "--server", server.issuer(), "--ca-file",
				server.caFile().toString(), "--admin-secret", "not-the-admin-secret");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OAUTH_ERROR);
		assertThat(run.err()).contains("cannot get an admin token as fleet-admin", "invalid_client")
			.doesNotContain("not-the-admin-secret")
			.doesNotContain("\tat ");
		assertThat(run.err().lines()).hasSize(1);
	}

	private static CommandRun attack(String... args) {
		String[] all = new String[args.length + 7];
		all[0] = "attack";
		System.arraycopy(new String[] { "--server", server.issuer(), "--ca-file", server.caFile().toString(),
				"--admin-client-file", server.adminClientFile().toString() }, 0, all, 1, 6);
		System.arraycopy(args, 0, all, 7, args.length);
		return CommandRun.execute(all);
	}

}
