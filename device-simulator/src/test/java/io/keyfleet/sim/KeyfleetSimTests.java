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
		assertThat(run.out()).contains("keyfleet-sim", "fleet", "token", "call", "load", "attack", "keygen", "help",
				"--help", "--version", "--verbose", "Exit codes", "3   the server answered with an OAuth error",
				"4   attack: at least one attack got through", ".keyfleet-sim/fleet", "--show-secrets");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"token  | --client-id,--key,--secret,--auth,--kid,--scope,--resource,--server,--ca-file,--json,--timeout,"
					+ "--show-secrets,--verbose,client_secret_basic,private_key_jwt,client_secret_jwt,"
					+ "KEYFLEET_DATA_DIR",
			"keygen | --out,--force,--json,--verbose",
			"fleet create | --devices,--auth,--model,--scope,--resource,--fleet-dir,--admin-secret,--admin-client-file,"
					+ "--id-prefix,--batch-size,--show-secrets,--json,--server,--ca-file",
			"fleet list | --fleet-dir,--json",
			"call | --device,METHOD,URL,--data,--header,--json,--show-secrets,--fleet-dir",
			"load | --duration,--requests,--concurrency,--rate,--warmup,--call,--auth,--devices,--json",
			"attack | SCENARIO,assertion-replay,alg-none,algorithm-confusion,expired-assertion,wrong-audience,"
					+ "another-devices-key,stolen-token,scope-escalation,resource-escalation,brute-force-secret,--json,"
					+ "4   attack: at least one attack got through" })
	void helpWhenSubcommandThenDescribesItsOptions(String command, String options) {
		java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command.split(" ")));
		args.add("--help");
		CommandRun run = CommandRun.execute(args.toArray(new String[0]));

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
		assertThat(run.err()).contains("give --device ID, or --client-id ID with --key FILE or --secret SECRET");
	}

	@Test
	void tokenWhenDeviceAndSecretThenUsageExitCode() {
		CommandRun run = CommandRun.execute("token", "--device", "dev-0001", "--secret", "s");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("--device cannot be combined with");
	}

	@Test
	void fleetWhenNoSubcommandThenUsageExitCode() {
		CommandRun run = CommandRun.execute("fleet");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("Missing required subcommand");
	}

	@Test
	void fleetCreateWhenDevicesOutOfRangeThenUsageExitCode() {
		CommandRun run = CommandRun.execute("fleet", "create", "--devices", "0", "--auth", "private_key_jwt");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("--devices must be between 1 and 1000000");
	}

	@Test
	void fleetCreateWhenIdPrefixInvalidThenUsageExitCode() {
		CommandRun run = CommandRun.execute("fleet", "create", "--devices", "1", "--auth", "private_key_jwt",
				"--id-prefix", "../etc");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("--id-prefix must be");
	}

	@Test
	void attackWhenUnknownScenarioThenUsageExitCodeAndNames() {
		CommandRun run = CommandRun.execute("attack", "teleport");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("unknown scenario 'teleport'").contains("assertion-replay");
	}

	@Test
	void loadWhenDurationNotADurationThenUsageExitCode() {
		CommandRun run = CommandRun.execute("load", "--duration", "soon");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("'soon' is not a duration");
	}

	@Test
	void loadWhenCallIsPlainHttpThenUsageExitCode() {
		CommandRun run = CommandRun.execute("load", "--call", "http://localhost:8444/fleet/summary");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("--call must be an https URL");
	}

	@Test
	void callWhenUrlIsPlainHttpThenUsageExitCode() {
		CommandRun run = CommandRun.execute("call", "--device", "dev-0001", "GET", "http://localhost:8444/x");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("URL must be https");
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
