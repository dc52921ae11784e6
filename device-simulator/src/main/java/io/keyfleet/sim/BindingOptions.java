package io.keyfleet.sim;

import java.security.Provider;
import java.time.Clock;

import io.keyfleet.sim.binding.Binding;
import io.keyfleet.sim.binding.BindingStore;
import io.keyfleet.sim.binding.DeviceBinding;
import io.keyfleet.sim.fleet.DeviceRecord;
import io.keyfleet.sim.fleet.FleetStore;
import picocli.CommandLine.Option;

/**
 * {@code --binding none|mtls|dpop} of the commands that get tokens for fleet devices.
 */
public final class BindingOptions {

	@Option(names = "--binding", paramLabel = "TYPE", defaultValue = "none", converter = Binding.Converter.class,
			completionCandidates = Binding.Names.class,
			description = { "Sender-constrain the tokens: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
					"mtls: present the device's self-signed client certificate (CN = device id, made on first use "
							+ "and kept in the fleet directory) on every TLS connection, so tokens carry "
							+ "cnf.x5t#S256 (RFC 8705).",
					"dpop: DPoP proofs (RFC 9449) with the device's DPoP key (made on first use, kept in the fleet "
							+ "directory), so tokens carry cnf.jkt and are sent as 'Authorization: DPoP'." })
	private Binding binding;

	public Binding binding() {
		return this.binding;
	}

	/**
	 * @param fleet the device's fleet
	 * @param device the device
	 * @return its binding material for {@link #binding()}, made and stored on first use
	 */
	public DeviceBinding prepare(FleetStore fleet, DeviceRecord device) {
		return prepare(fleet, device, null);
	}

	/**
	 * @param fleet the device's fleet
	 * @param device the device
	 * @param provider the JCA provider of DPoP signatures, or {@code null} for the JDK's default
	 * @return its binding material for {@link #binding()}, made and stored on first use
	 */
	public DeviceBinding prepare(FleetStore fleet, DeviceRecord device, Provider provider) {
		return new BindingStore(fleet, Clock.systemUTC()).prepare(device, this.binding, provider);
	}

}
