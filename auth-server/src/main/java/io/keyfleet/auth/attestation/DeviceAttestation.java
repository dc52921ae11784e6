package io.keyfleet.auth.attestation;

import java.util.List;
import java.util.Map;

import io.keyfleet.auth.client.ClientRecord;

/**
 * A device's attestation registration ({@code attestation} of CONTRACT "Admin API"): whether
 * it must attest, with which formats, and its attestation keys and identity.
 *
 * @param eatKey the JWK that signs its EATs, or null
 * @param tpmAk the PEM SubjectPublicKeyInfo of its TPM attestation key, or null
 * @param ueid its RFC 9711 UEID, base64url, or null
 * @param resetAtMs its last step-up (epoch ms), or null: evidence must answer a challenge
 * issued after it
 */
public record DeviceAttestation(String deviceId, String model, boolean required, List<String> formats,
		Map<String, Object> eatKey, String tpmAk, String ueid, Long resetAtMs) {

	public DeviceAttestation(String deviceId, String model, boolean required, List<String> formats,
			Map<String, Object> eatKey, String tpmAk, String ueid) {
		this(deviceId, model, required, formats, eatKey, tpmAk, ueid, null);
	}

	@SuppressWarnings("unchecked")
	public static DeviceAttestation of(ClientRecord record) {
		Map<String, Object> attestation = (record.attestation() != null) ? record.attestation() : Map.of();
		Object formats = attestation.get("formats");
		return new DeviceAttestation(record.id(), record.model(), Boolean.TRUE.equals(attestation.get("required")),
				(formats instanceof List<?> list) ? (List<String>) list : List.of(),
				(attestation.get("eat_key") instanceof Map<?, ?> key) ? (Map<String, Object>) key : null,
				(attestation.get("tpm_ak") instanceof String ak) ? ak : null,
				(attestation.get("ueid") instanceof String ueid) ? ueid : null, record.attestationResetAtMs());
	}

	/**
	 * Whether the device may attest with this format: one it lists, or, when it lists
	 * none, one whose key it registered ({@code eat} with an {@code eat_key},
	 * {@code tpm2-quote} with a {@code tpm_ak}). Results from external verifiers carry no
	 * signature of the device, so they are accepted only from devices that list them.
	 */
	public boolean allows(String format) {
		if (!this.formats.isEmpty()) {
			return this.formats.contains(format);
		}
		return ("eat".equals(format) && this.eatKey != null) || ("tpm2-quote".equals(format) && this.tpmAk != null);
	}

}
