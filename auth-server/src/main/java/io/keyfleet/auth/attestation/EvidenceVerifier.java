package io.keyfleet.auth.attestation;

/**
 * Verifies evidence of one format (RFC 9334 §3.2 Verifier): its signature under the
 * device's registered key, its nonce, and that it is about this device. What the evidence
 * says is appraised afterwards, against the model's policy. One class per format, found by
 * {@link #format()} (the {@code attestation_format} value) — a new format is one new class.
 * Modelled on SPIRE's node attestors.
 */
public interface EvidenceVerifier {

	/** The {@code attestation_format} this verifier reads. */
	String format();

	/**
	 * @param evidence the {@code attestation_evidence} parameter
	 * @param device the device's attestation registration
	 * @param nonces accepts the evidence's nonce (uses up the challenge)
	 * @throws AttestationException naming what failed
	 */
	VerifiedEvidence verify(String evidence, DeviceAttestation device, NonceCheck nonces);

}
