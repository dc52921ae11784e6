package io.keyfleet.sim.attest;

import java.util.Objects;
import java.util.Set;

/**
 * The state that the devices of one {@code fleet create --attestation eat} report: model,
 * software, debug and secure boot state, and which components are tampered with. Each
 * device gets its own UEID and attestation key on top.
 *
 * @param model the device model (its {@code hwmodel}; the server appraises against this model's policy)
 * @param swname the software name
 * @param firmware the software version, e.g. {@code 2.5.0}; also the version the components are measured at
 * @param dbgstat the debug state (RFC 9711 Section 4.2.9 text)
 * @param secboot whether secure boot is on
 * @param tampered the components whose measurements are of modified code
 */
public record EatDeviceSpec(String model, String swname, String firmware, String dbgstat, boolean secboot,
		Set<String> tampered) {

	public EatDeviceSpec {
		Objects.requireNonNull(model, "model cannot be null");
		Objects.requireNonNull(firmware, "firmware cannot be null");
		tampered = Set.copyOf(tampered);
		if (!Measurements.COMPONENTS.containsAll(tampered)) {
			throw new IllegalArgumentException("components are " + Measurements.COMPONENTS + ", not " + tampered);
		}
	}

	/**
	 * @param model the device model
	 * @return a healthy device of that model on the recommended firmware of KF-SIM-1
	 */
	public static EatDeviceSpec healthy(String model) {
		return new EatDeviceSpec(model, EatProfile.DEFAULT_SWNAME, EatProfile.DEFAULT_FIRMWARE, "disabled", true,
				Set.of());
	}

	/**
	 * @param ueid the device's UEID
	 * @return what the device's evidence reports
	 */
	public EatProfile profile(String ueid) {
		return new EatProfile(ueid, this.model, this.swname, this.firmware, this.dbgstat, this.secboot,
				Measurements.of(this.firmware, this.tampered));
	}

}
