package io.keyfleet.sim.attest;

import java.time.Instant;
import java.util.Objects;

import io.keyfleet.sim.JsonOutput;
import io.keyfleet.sim.Pem;
import io.keyfleet.sim.SimException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fleet device that attests with EAT ({@code eat}): what it keeps besides its client
 * credential, its attestation key and the state its evidence reports.
 *
 * @param id the device id
 * @param format the evidence format, {@code eat}
 * @param key the attestation key
 * @param profile the state its evidence reports
 */
public record EatDevice(String id, String format, AttestationKey key, EatProfile profile) {

	/** The evidence format the simulator produces (CONTRACT "Device attestation"). */
	public static final String EAT = "eat";

	public EatDevice {
		Objects.requireNonNull(id, "id cannot be null");
		Objects.requireNonNull(key, "key cannot be null");
		Objects.requireNonNull(profile, "profile cannot be null");
	}

	/**
	 * @return evidence of this device, signed with its attestation key
	 */
	public EatEvidence evidence() {
		return new EatEvidence(this.key, this.profile);
	}

	/**
	 * @return its Attester: an EAT over each challenge, issued now
	 */
	public Attester attester() {
		EatEvidence evidence = evidence();
		return new Attester() {

			@Override
			public String format() {
				return EatDevice.this.format;
			}

			@Override
			public String evidence(String challenge) {
				return evidence.sign(challenge, Instant.now());
			}

		};
	}

	ObjectNode toJson() {
		ObjectNode json = JsonOutput.object();
		json.put("id", this.id);
		json.put("format", this.format);
		json.put("kid", this.key.keyId());
		json.put("private_key", this.key.privateKeyPem());
		json.set("eat", this.profile.toJson());
		return json;
	}

	static EatDevice fromJson(JsonNode json, String source) {
		try {
			String id = json.path("id").asString(null);
			return new EatDevice(id, json.path("format").asString(EAT),
					new AttestationKey(json.path("kid").asString(null),
							Pem.parseEcPrivateKey(json.path("private_key").asString(null),
									"the attestation key of device " + id)),
					EatProfile.fromJson(json.path("eat")));
		}
		catch (RuntimeException ex) {
			throw new SimException(source + " is not an attestation record of the simulator: " + ex.getMessage(), ex);
		}
	}

	/** Never prints the key. */
	@Override
	public String toString() {
		return "EatDevice[id=" + this.id + ", format=" + this.format + ", kid=" + this.key.keyId() + "]";
	}

}
