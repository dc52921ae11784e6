package io.keyfleet.sim;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code keyfleet-sim}: behaves like a fleet of devices and services towards a Keyfleet
 * authorization server, speaking only the wire contract (docs: CONTRACT.md) through a
 * third-party OAuth 2.0 library, never through auth-server code.
 *
 * <p>Exit codes: {@link ExitCodes}.
 */
@Command(name = "keyfleet-sim", mixinStandardHelpOptions = true, versionProvider = ManifestVersionProvider.class,
		description = "A fleet of Keyfleet devices in a CLI: keys, certificates (EST), tokens, calls, load and attacks.",
		subcommands = { FleetCommand.class, EnrollCommand.class, RenewCommand.class, RotateKeyCommand.class,
				TokenCommand.class, CallCommand.class, LoadCommand.class, SoakCommand.class,
				AttackCommand.class, KeygenCommand.class, CommandLine.HelpCommand.class },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { ExitCodes.OK_LINE, ExitCodes.SOFTWARE_LINE, ExitCodes.USAGE_LINE, ExitCodes.OAUTH_ERROR_LINE,
				ExitCodes.GOT_THROUGH_LINE, ExitCodes.GOAL_MISSED_LINE },
		footerHeading = "%nFiles:%n",
		footer = { "  The local fleet (private keys, secrets; owner-only) is kept in $KEYFLEET_SIM_FLEET_DIR, else "
				+ ".keyfleet-sim/fleet; --fleet-dir overrides.",
				"  The dev server's CA and admin credentials are read from $KEYFLEET_DATA_DIR, else .keyfleet.",
				"  Every command prints one JSON object on stdout with --json; secrets, keys and tokens are never "
						+ "printed without --show-secrets." })
public final class KeyfleetSim implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Option(names = { "-v", "--verbose" }, scope = ScopeType.INHERIT,
			description = "Trace HTTP exchanges and the causes of errors on stderr (never secrets).")
	private boolean verbose;

	/**
	 * Returns the command line with the handlers every entry point must share, so that
	 * tests see exactly what {@link #main(String[])} does.
	 * @return a new, ready to execute command line
	 */
	public static CommandLine commandLine() {
		return new CommandLine(new KeyfleetSim()).setExecutionExceptionHandler(new OneLineErrorHandler());
	}

	public static void main(String[] args) {
		System.exit(commandLine().execute(args));
	}

	@Override
	public Integer call() {
		throw new ParameterException(this.spec.commandLine(), "Missing required subcommand");
	}

	boolean isVerbose() {
		return this.verbose;
	}

}
