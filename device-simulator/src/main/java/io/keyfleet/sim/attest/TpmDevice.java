package io.keyfleet.sim.attest;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.keyfleet.sim.JsonOutput;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fleet device that attests with TPM 2.0 quotes ({@code tpm2-quote}): where its software
 * TPM keeps its state (endorsement and attestation keys; the private keys never leave it),
 * and how it boots.
 *
 * @param id the device id
 * @param directory the TPM's directory
 * @param secureBoot whether its boot measures the SecureBoot policy into PCR 7
 * @param tampered components that run modified code
 */
public record TpmDevice(String id, Path directory, boolean secureBoot, Set<String> tampered) {

	/** The evidence format (CONTRACT "Device attestation"). */
	public static final String FORMAT = "tpm2-quote";

	public TpmDevice {
		Objects.requireNonNull(id, "id cannot be null");
		Objects.requireNonNull(directory, "directory cannot be null");
		tampered = Set.copyOf(tampered);
	}

	/**
	 * @return its Attester: each evidence is a boot of its TPM and a quote over the challenge.
	 * Synchronized, since one TPM serves one quote at a time.
	 */
	public Attester attester() {
		List<BootEvents.Event> events = BootEvents.of(this.secureBoot, this.tampered);
		return new Attester() {

			@Override
			public String format() {
				return FORMAT;
			}

			@Override
			public synchronized String evidence(String challenge) {
				try (SoftwareTpm tpm = SoftwareTpm.start(TpmDevice.this.directory)) {
					tpm.boot(events);
					return tpm.quote(challenge);
				}
			}

		};
	}

	ObjectNode toJson(Path base) {
		ObjectNode json = JsonOutput.object();
		json.put("id", this.id);
		json.put("format", FORMAT);
		json.put("tpm_directory", base.relativize(this.directory).toString());
		json.put("secure_boot", this.secureBoot);
		ArrayNode tampered = json.putArray("tampered");
		Measurements.COMPONENTS.stream().filter(this.tampered::contains).forEach(tampered::add);
		return json;
	}

	static TpmDevice fromJson(JsonNode json, Path base) {
		Set<String> tampered = new java.util.HashSet<>();
		json.path("tampered").values().forEach((component) -> tampered.add(component.asString()));
		return new TpmDevice(json.path("id").asString(null), base.resolve(json.path("tpm_directory").asString()),
				json.path("secure_boot").asBoolean(true), tampered);
	}

}
