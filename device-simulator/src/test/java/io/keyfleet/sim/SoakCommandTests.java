package io.keyfleet.sim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code soak}'s command line, refused before any server is asked.
 */
class SoakCommandTests {

	@Test
	void soakWhenUnknownBehaviourThenExit2NamingTheKnownOnes() {
		CommandRun run = CommandRun.execute("soak", "--devices", "10", "--kinds", "clone,teleport");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("unknown behaviour 'teleport'", "stolen-credentials", "token-burst");
	}

	@Test
	void soakWhenMisbehavingNeitherShareNorNumberThenExit2() {
		CommandRun run = CommandRun.execute("soak", "--devices", "10", "--misbehaving", "lots");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("--misbehaving must be a share (e.g. 1%) or a number of devices: lots");
	}

	@Test
	void soakWhenWarmupLeavesNoTimeForTheDetectionWindowThenExit2() {
		CommandRun run = CommandRun.execute("soak", "--devices", "10", "--duration", "30s", "--warmup", "20s");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("must exceed the warm-up (20 s) by at least 15 s");
	}

	@Test
	void soakWhenJitterAbove100PercentThenExit2() {
		CommandRun run = CommandRun.execute("soak", "--devices", "10", "--jitter", "150%");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("'150%' is not between 0% and 100%");
	}

}
