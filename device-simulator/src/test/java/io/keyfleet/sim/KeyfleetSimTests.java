package io.keyfleet.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line itself: help on every command, and usage errors that exit with 2.
 */
class KeyfleetSimTests {

	@Test
	void helpWhenTopCommandThenListsSubcommandsAndExitCodes() {
		CommandRun run = CommandRun.execute("--help");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(run.out()).contains("keyfleet-sim", "token", "keygen", "help", "--help", "--version",
				"--verbose", "Exit codes", "3   the server answered with an OAuth error");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"token  | --client-id,--key,--secret,--auth,--kid,--scope,--resource,--server,--ca-file,--json,--timeout,"
					+ "--show-secrets,--verbose,client_secret_basic,private_key_jwt,client_secret_jwt,"
					+ "KEYFLEET_DATA_DIR",
			"keygen | --out,--force,--json,--verbose" })
	void helpWhenSubcommandThenDescribesItsOptions(String command, String options) {
		CommandRun run = CommandRun.execute(command, "--help");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(run.out()).contains("keyfleet-sim " + command).contains(options.split(","));
	}

	@Test
	void helpWhenHelpSubcommandThenPrintsUsageOfNamedCommand() {
		CommandRun run = CommandRun.execute("help", "token");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(run.out()).contains("keyfleet-sim token", "--client-id");
	}

	@Test
	void versionWhenAskedThenPrintsVersion() {
		CommandRun run = CommandRun.execute("--version");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(run.out()).startsWith("keyfleet-sim ");
	}

	@Test
	void executeWhenNoSubcommandThenUsageExitCode() {
		CommandRun run = CommandRun.execute();

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("Missing required subcommand");
	}

	@Test
	void executeWhenUnknownSubcommandThenUsageExitCode() {
		CommandRun run = CommandRun.execute("teleport");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
	}

	@Test
	void tokenWhenNoClientIdThenUsageExitCode() {
		CommandRun run = CommandRun.execute("token", "--secret", "s");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("Missing required option: '--client-id=ID'");
	}

	@Test
	void tokenWhenNeitherKeyNorSecretThenUsageExitCode() {
		CommandRun run = CommandRun.execute("token", "--client-id", "dev-0001");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("--key").contains("--secret");
	}

	@Test
	void tokenWhenKeyAndSecretThenUsageExitCode() {
		CommandRun run = CommandRun.execute("token", "--client-id", "dev-0001", "--key", "k.pem", "--secret", "s");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("mutually exclusive");
	}

	@Test
	void tokenWhenAuthNeedsOtherCredentialThenUsageExitCode() {
		CommandRun run = CommandRun.execute("token", "--client-id", "dev-0001", "--secret", "s", "--auth",
				"private_key_jwt");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("--auth private_key_jwt needs --key");
	}

	@Test
	void tokenWhenUnknownAuthMethodThenUsageExitCode() {
		CommandRun run = CommandRun.execute("token", "--client-id", "dev-0001", "--secret", "s", "--auth", "none");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("unknown client authentication method 'none'");
	}

	@Test
	void tokenWhenKidWithSecretThenUsageExitCode() {
		CommandRun run = CommandRun.execute("token", "--client-id", "svc", "--secret", "s", "--kid", "k1");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("--kid applies to private_key_jwt only");
	}

	@Test
	void tokenWhenServerIsPlainHttpThenUsageExitCode() {
		CommandRun run = CommandRun.execute("token", "--server", "http://localhost:8443", "--client-id", "svc",
				"--secret", "s");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("--server must be an https URL");
	}

	@Test
	void tokenWhenTimeoutNotPositiveThenUsageExitCode() {
		CommandRun run = CommandRun.execute("token", "--timeout", "0", "--client-id", "svc", "--secret", "s");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("--timeout must be a positive number of seconds");
	}

}
