package io.keyfleet.sim;

import java.nio.file.Path;

import io.keyfleet.sim.fleet.FleetStore;
import picocli.CommandLine.Option;

/**
 * {@code --fleet-dir}: where the local fleet is kept (see {@link FleetStore}).
 */
public final class FleetOptions {

	@Option(names = "--fleet-dir", paramLabel = "DIR",
			description = { "Local fleet directory (owner-only; holds private keys and secrets).",
					"Default: $" + FleetStore.ENV_VARIABLE + ", else .keyfleet-sim/fleet." })
	private Path directory;

	/**
	 * @return the fleet store of {@code --fleet-dir}, else the default one
	 */
	public FleetStore store() {
		return new FleetStore(FleetStore.resolve(this.directory, System.getenv()));
	}

}
