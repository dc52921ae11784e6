package io.keyfleet.auth.attestation;

import java.util.Map;

/**
 * What verified evidence says about the device, for appraisal; which fields are present
 * depends on the format.
 *
 * @param swname software name (EAT {@code swname})
 * @param swversion software version (EAT {@code swversion}, first element)
 * @param debugEnabled whether debug is enabled (EAT {@code dbgstat} = enabled), null if
 * unknown
 * @param secureBoot whether secure boot is on (EAT {@code secboot}), null if unknown
 * @param measurements component name → digest ({@code sha-256:<hex>}, EAT
 * {@code kf_measurements})
 * @param pcrs SHA-256 PCR index → lowercase hex value (TPM quote, covered by pcrDigest)
 * @param verifierStatus the status an external verifier appraised (EAR), else null
 */
public record EvidenceClaims(String swname, String swversion, Boolean debugEnabled, Boolean secureBoot,
		Map<String, String> measurements, Map<Integer, String> pcrs, AttestationStatus verifierStatus) {

	public static EvidenceClaims ofPcrs(Map<Integer, String> pcrs) {
		return new EvidenceClaims(null, null, null, null, Map.of(), Map.copyOf(pcrs), null);
	}

	public static EvidenceClaims ofVerifierStatus(AttestationStatus status) {
		return new EvidenceClaims(null, null, null, null, Map.of(), Map.of(), status);
	}

}
