package io.keyfleet.sim;

import java.nio.file.Path;

import io.keyfleet.sim.attack.AttackScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code attack all} against the real auth-server with its default rate limits (so that
 * brute force meets {@code 429 slow_down}) on a fresh server: every scenario must be
 * refused exactly as the contract says.
 */
class AttackScenariosIT {

	@TempDir
	static Path directory;

	static AuthServerProcess server;

	@BeforeAll
	static void startServer() throws Exception {
		server = AuthServerProcess.start("attacks");
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void attackAllWhenFreshServerWithDefaultLimitsThenEveryAttackRefused() {
		CommandRun run = attack("all", "--json");

		JsonNode report = JsonOutput.parse(run.out());
		assertThat(report.get("results").values()).extracting((result) -> result.get("name").asString())
			.containsExactlyElementsOf(AttackScenarios.names());
		assertThat(report.get("results").values()).allSatisfy((result) -> assertThat(result.get("outcome").asString())
			.as(result.toString())
			.isEqualTo("refused"));
		assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
		assertThat(report.get("refused").asInt()).isEqualTo(AttackScenarios.all().size());
		assertThat(report.get("got_through").asInt()).isZero();
	}

	@Test
	void attackWhenOneScenarioThenTextVerdict() {
		CommandRun run = attack("assertion-replay");

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		assertThat(run.out()).contains("REFUSED", "assertion-replay", "HTTP 401 invalid_client",
				"1 attacks: 1 refused, 0 got through, 0 errors");
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
