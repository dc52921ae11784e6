package io.keyfleet.auth.attestation;

/**
 * Accepts the nonce found in evidence: at the server, by using up the challenge it issued
 * (single use, in Redis); in a test, by comparing with a known challenge. Called only after
 * the evidence's signature verified, so forged evidence never uses up a challenge.
 */
@FunctionalInterface
public interface NonceCheck {

	/**
	 * @param nonce the nonce as the challenge endpoint issues it (base64url, no padding)
	 * @return whether it is an issued, unused challenge (and is now used)
	 */
	boolean accept(String nonce);

}
