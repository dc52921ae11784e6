package io.keyfleet.sim.attest;

import java.util.List;
import java.util.Set;

import io.keyfleet.sim.JsonOutput;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The appraisal policy for simulated devices, as {@code config/policies/KF-SIM-1.json} has it
 * for EAT (CONTRACT "Appraisal policy"): software {@code keyfleet-sim-os}, at least 2.0.0,
 * 2.5.0 recommended (older is {@code warning}), secure boot required, and the
 * {@link Measurements} of firmware 2.5.0 and 2.4.0 allowed; for TPM quotes, the PCR values
 * of a healthy boot ({@link BootEvents}). It is the appraisal policy for
 * evidence of RFC 9334 Section 8.5, put for any model, so that attacks and tests appraise
 * under a policy they own instead of relying on what a server was seeded with.
 */
public final class SimulatorPolicy {

	/** Below this the server finds the device contraindicated. */
	public static final String MIN_SWVERSION = "2.0.0";

	/** Below this (and from {@link #MIN_SWVERSION}) the result is {@code warning}. */
	public static final String RECOMMENDED_SWVERSION = "2.5.0";

	/** The firmware versions whose measurements are allowed. */
	public static final List<String> APPROVED_FIRMWARE = List.of("2.5.0", "2.4.0");

	private SimulatorPolicy() {
	}

	/**
	 * @param model the model the policy is for
	 * @return the policy JSON for {@code PUT /api/v1/attestation-policies/{model}}
	 */
	public static ObjectNode forModel(String model) {
		ObjectNode policy = JsonOutput.object();
		policy.put("model", model);
		policy.put("max_age_seconds", 3600);
		ObjectNode eat = policy.putObject("eat");
		eat.put("swname", EatProfile.DEFAULT_SWNAME);
		eat.put("min_swversion", MIN_SWVERSION);
		eat.put("recommended_swversion", RECOMMENDED_SWVERSION);
		eat.put("require_secboot", true);
		ObjectNode measurements = eat.putObject("measurements");
		for (String component : Measurements.COMPONENTS) {
			ArrayNode allowed = measurements.putArray(component);
			APPROVED_FIRMWARE.forEach((version) -> allowed.add(Measurements.digest(component, version)));
		}
		policy.putObject("tpm2_quote").putObject("pcrs").set("sha256",
				JsonOutput.tree(BootEvents.pcrs(BootEvents.of(true, Set.of()))));
		return policy;
	}

}
