package io.keyfleet.sim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --binding} on the command line: its values, and that it needs a fleet device
 * (its keys are kept with the device). No server is reached in any of these.
 */
class BindingOptionsTests {

	@Test
	void tokenWhenBindingWithoutDeviceThenExit2BeforeAnyRequest() {
		CommandRun run = CommandRun.execute("token", "--client-id", "dev-1", "--secret", "s3cret-s3cret", "--binding",
				"dpop", "--server", "https://127.0.0.1:1");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("--binding dpop needs --device").doesNotContain("s3cret-s3cret");
	}

	@Test
	void commandsWhenUnknownBindingThenExit2NamingTheValues() {
		for (String command : new String[] { "token", "call", "load" }) {
			CommandRun run = CommandRun.execute(command, "--binding", "tls", "--device", "dev-1", "GET",
					"https://localhost:8444/x");

			assertThat(run.exitCode()).as(command).isEqualTo(ExitCodes.USAGE);
			assertThat(run.err()).as(command).contains("expected none, mtls or dpop, not 'tls'");
		}
	}

	@Test
	void helpWhenTokenCallLoadThenBindingDocumented() {
		for (String command : new String[] { "token", "call", "load" }) {
			CommandRun run = CommandRun.execute(command, "--help");

			assertThat(run.out()).as(command).contains("--binding=TYPE", "none, mtls, dpop", "cnf.x5t#S256", "cnf.jkt");
		}
	}

}
