package io.keyfleet.sim.attest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.keyfleet.sim.fleet.FleetStore;
import io.keyfleet.sim.fleet.RegistrationExtension;
import picocli.CommandLine.Option;

/**
 * {@code fleet create} options of devices that attest (CONTRACT "Device attestation"): the
 * evidence format and the state the devices' evidence reports. Without
 * {@code --attestation} the devices do not attest and the other options have no effect.
 */
public final class AttestationOptions {

	@Option(names = "--attestation", paramLabel = "FORMAT",
			description = "Register the devices as attesting with this evidence format: eat (RFC 9711 EAT, signed "
					+ "by a per-device attestation key) or tpm2-quote (a software TPM per device; needs swtpm and "
					+ "tpm2-tools). Default: no attestation.")
	private String format;

	@Option(names = "--firmware", paramLabel = "VERSION", defaultValue = EatProfile.DEFAULT_FIRMWARE,
			description = "Software version the evidence reports, and that its components are measured at "
					+ "(default: ${DEFAULT-VALUE}).")
	private String firmware;

	@Option(names = "--swname", paramLabel = "NAME", defaultValue = EatProfile.DEFAULT_SWNAME,
			description = "Software name the evidence reports (default: ${DEFAULT-VALUE}).")
	private String swname;

	@Option(names = "--debug", paramLabel = "STATE", defaultValue = "disabled",
			description = "Debug state (RFC 9711 dbgstat): enabled, disabled, disabled-since-boot, "
					+ "disabled-permanently, disabled-fully-and-permanently (default: ${DEFAULT-VALUE}).")
	private String debug;

	@Option(names = "--secure-boot", paramLabel = "true|false", defaultValue = "true", arity = "1",
			description = "Whether secure boot is on (default: ${DEFAULT-VALUE}).")
	private boolean secureBoot;

	@Option(names = "--tamper", paramLabel = "COMPONENT",
			description = "Measure this component (bootloader, kernel) as modified code; repeatable.")
	private List<String> tampered = new ArrayList<>();

	/**
	 * @param model the devices' model
	 * @return the devices' state, or empty without {@code --attestation}
	 * @throws IllegalArgumentException when an option is invalid (message for the user)
	 */
	public Optional<EatDeviceSpec> spec(String model) {
		if (this.format == null) {
			return Optional.empty();
		}
		if (!EatDevice.EAT.equals(this.format) && !TpmDevice.FORMAT.equals(this.format)) {
			throw new IllegalArgumentException("--attestation must be eat or tpm2-quote");
		}
		if (!EatProfile.DEBUG_STATES.contains(this.debug)) {
			throw new IllegalArgumentException("--debug must be one of " + EatProfile.DEBUG_STATES);
		}
		if (!Measurements.COMPONENTS.containsAll(this.tampered)) {
			throw new IllegalArgumentException("--tamper must be one of " + Measurements.COMPONENTS);
		}
		return Optional.of(new EatDeviceSpec(model, this.swname, this.firmware, this.debug, this.secureBoot,
				Set.copyOf(this.tampered)));
	}

	/**
	 * @return the evidence format, or {@code null} without {@code --attestation}
	 */
	public String format() {
		return this.format;
	}

	/**
	 * @param model the devices' model
	 * @param fleet the fleet they are kept in
	 * @return the registration extension, or empty without {@code --attestation}
	 * @throws IllegalArgumentException when an option is invalid, or TPMs cannot be simulated here
	 */
	public Optional<RegistrationExtension> registration(String model, FleetStore fleet) {
		Optional<EatDeviceSpec> spec = spec(model);
		if (spec.isEmpty() || EatDevice.EAT.equals(this.format)) {
			return spec.map((eat) -> new EatRegistration(eat, new AttestationStore(fleet)));
		}
		if (!TpmRegistration.available()) {
			throw new IllegalArgumentException("--attestation tpm2-quote needs swtpm and tpm2-tools on the PATH");
		}
		// a quote reports PCRs, not software names or debug state: only boot-time state applies
		return Optional.of(new TpmRegistration(new AttestationStore(fleet), this.secureBoot, Set.copyOf(this.tampered)));
	}

}
