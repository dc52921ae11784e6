package io.keyfleet.sim.attest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.keyfleet.sim.JsonOutput;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state a simulated device reports in its Entity Attestation Token: what RFC 9711 calls
 * the claims about the entity, which the server appraises against its model's policy
 * (RFC 9334 Section 8.5, appraisal policy for evidence).
 *
 * @param ueid the device's UEID, base64url (RFC 9711 Section 4.2.1), as registered
 * @param hwmodel the hardware model (RFC 9711 Section 4.2.4), the device's model name
 * @param swname the software name (Section 4.2.6)
 * @param swversion the software version (Section 4.2.7), dotted numbers
 * @param dbgstat the debug status (Section 4.2.9) in its JSON text form, e.g. {@code disabled}
 * @param secboot whether secure boot is on (the contract's {@code secboot}; RFC 9711 registers
 * {@code oemboot}, Section 4.2.8, instead)
 * @param measurements component to {@code sha-256:<hex>} digest (Keyfleet's {@code kf_measurements})
 */
public record EatProfile(String ueid, String hwmodel, String swname, String swversion, String dbgstat,
		boolean secboot, Map<String, String> measurements) {

	/** The software name of the simulator's model KF-SIM-1 (config/policies/KF-SIM-1.json). */
	public static final String DEFAULT_SWNAME = "keyfleet-sim-os";

	/** The recommended firmware of KF-SIM-1: evidence of it appraises as affirming. */
	public static final String DEFAULT_FIRMWARE = "2.5.0";

	/** RFC 9711 Section 4.2.9, JSON text encoding of the five debug states. */
	public static final List<String> DEBUG_STATES = List.of("enabled", "disabled", "disabled-since-boot",
			"disabled-permanently", "disabled-fully-and-permanently");

	public EatProfile {
		Objects.requireNonNull(ueid, "ueid cannot be null");
		Objects.requireNonNull(swversion, "swversion cannot be null");
		if (!DEBUG_STATES.contains(dbgstat)) {
			throw new IllegalArgumentException("dbgstat must be one of " + DEBUG_STATES + ": " + dbgstat);
		}
		measurements = Collections.unmodifiableMap(new LinkedHashMap<>(measurements));
	}

	/**
	 * @param swversion another software version
	 * @return this profile, reporting that version (and still the same measurements)
	 */
	public EatProfile withSwversion(String swversion) {
		return new EatProfile(this.ueid, this.hwmodel, this.swname, swversion, this.dbgstat, this.secboot,
				this.measurements);
	}

	/**
	 * @param dbgstat another debug state
	 * @return this profile, reporting that debug state
	 */
	public EatProfile withDbgstat(String dbgstat) {
		return new EatProfile(this.ueid, this.hwmodel, this.swname, this.swversion, dbgstat, this.secboot,
				this.measurements);
	}

	/**
	 * @param measurements other measurements
	 * @return this profile, reporting them
	 */
	public EatProfile withMeasurements(Map<String, String> measurements) {
		return new EatProfile(this.ueid, this.hwmodel, this.swname, this.swversion, this.dbgstat, this.secboot,
				measurements);
	}

	ObjectNode toJson() {
		ObjectNode json = JsonOutput.object();
		json.put("ueid", this.ueid);
		json.put("hwmodel", this.hwmodel);
		json.put("swname", this.swname);
		json.put("swversion", this.swversion);
		json.put("dbgstat", this.dbgstat);
		json.put("secboot", this.secboot);
		ObjectNode digests = json.putObject("measurements");
		this.measurements.forEach(digests::put);
		return json;
	}

	static EatProfile fromJson(JsonNode json) {
		Map<String, String> measurements = new LinkedHashMap<>();
		json.path("measurements").properties().forEach((entry) -> measurements.put(entry.getKey(),
				entry.getValue().asString()));
		return new EatProfile(json.path("ueid").asString(null), json.path("hwmodel").asString(null),
				json.path("swname").asString(null), json.path("swversion").asString(null),
				json.path("dbgstat").asString(null), json.path("secboot").asBoolean(false), measurements);
	}

}
