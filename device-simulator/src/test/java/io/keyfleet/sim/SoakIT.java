package io.keyfleet.sim;

import java.nio.file.Path;

import io.keyfleet.sim.anomaly.Misbehaviours;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short soak of CI (issue 8, "How it is tested": the simulator's soak mode as the
 * end-to-end test): the real auth-server (jar, dev mode, own data directory and embedded
 * Redis, its anomaly detector on the events stream) and resource-sample, 40 normal devices
 * with a token every 3 s +- 30 %, one misbehaving device of each behaviour injected after a
 * 25 s warm-up (at least five tokens from one address per device: the detector's default
 * baselines), 60 s in all. It passes only when every behaviour is detected with its kind,
 * the clone and the stolen credentials within 10 s, the clone quarantined, and no normal
 * device quarantined. The server's token-rate window is shortened to 2 s (factor 3) so that
 * a baseline of a few seconds can be judged; everything else is the detector's defaults
 * (docs/simulator.md).
 */
class SoakIT {

	@TempDir
	static Path directory;

	static AuthServerProcess server;

	static AuthServerProcess resourceServer;

	@BeforeAll
	static void startServers() throws Exception {
		server = AuthServerProcess.start("soak", "--keyfleet.anomaly.rate-window=2s", "--keyfleet.anomaly.rate-factor=3");
		resourceServer = server.startResourceSample("soak-resource-sample");
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
	void soakWhenShortRunWithOneMisbehavingDeviceOfEachKindThenEveryKindDetectedAndNoFalseQuarantine() {
		CommandRun run = CommandRun.execute("soak", "--server", server.issuer(), "--ca-file", server.caFile().toString(),
				"--admin-client-file", server.adminClientFile().toString(), "--fleet-dir",
				directory.resolve("fleet").toString(), "--resource-server", resourceServer.issuer(), "--devices", "40",
				"--misbehaving", "1", "--duration", "60s", "--token-interval", "3s", "--jitter", "30%", "--warmup", "25s",
				"--settle", "10s", "--json");

		assertThat(run.out()).as(run.err()).isNotBlank();
		JsonNode report = JsonOutput.parse(run.out());
		assertThat(report.get("kinds").values()).extracting((kind) -> kind.get("behaviour").asString())
			.containsExactlyElementsOf(Misbehaviours.names());
		assertThat(report.get("kinds").values()).allSatisfy((kind) -> {
			assertThat(kind.get("injected").asInt()).as(kind.toString()).isEqualTo(1);
			assertThat(kind.get("detected_expected_kind").asInt()).as(kind.toString()).isEqualTo(1);
		});
		JsonNode clone = report.get("kinds").get(0);
		assertThat(clone.get("within_10s").asInt()).isEqualTo(1);
		assertThat(clone.get("quarantined").asInt()).isEqualTo(1);
		assertThat(report.get("kinds").get(1).get("within_10s").asInt()).isEqualTo(1);
		assertThat(report.get("false_positives").get("quarantines").asInt()).isZero();
		assertThat(report.get("normal_tokens").get("issued").asLong()).isGreaterThan(40 * 10);
		assertThat(report.get("goals_met").asBoolean()).as(report.toString()).isTrue();
		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
	}

}
