package io.keyfleet.sim;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code keyfleet-sim fleet}: the local fleet, created and registered at a server by
 * {@code fleet create}, listed by {@code fleet list}.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
		description = "Create and list a local fleet of simulated devices registered at an auth-server.",
		subcommands = { FleetCreateCommand.class, FleetListCommand.class },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { ExitCodes.OK_LINE, ExitCodes.SOFTWARE_LINE, ExitCodes.USAGE_LINE, ExitCodes.OAUTH_ERROR_LINE })
final class FleetCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		throw new ParameterException(this.spec.commandLine(), "Missing required subcommand (create or list)");
	}

}
