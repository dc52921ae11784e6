package io.keyfleet.sim.attest;

/**
 * A device's Attester (RFC 9334 Section 3.1): produces evidence over a challenge, in one
 * format of CONTRACT "Device attestation".
 */
public interface Attester {

	/**
	 * @return the {@code attestation_format}, e.g. {@code eat}
	 */
	String format();

	/**
	 * @param challenge the server's challenge (base64url), which makes the evidence fresh
	 * @return the {@code attestation_evidence}
	 */
	String evidence(String challenge);

}
