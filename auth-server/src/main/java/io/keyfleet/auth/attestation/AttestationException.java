package io.keyfleet.auth.attestation;

/**
 * Evidence that cannot be accepted, with the reason (one per check, so that one failure is
 * never taken for another). {@link Reason#NONCE_UNKNOWN} asks the device for a new
 * challenge; every other reason refuses the evidence.
 */
public final class AttestationException extends RuntimeException {

	private final Reason reason;

	public AttestationException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

	/** Why evidence was refused. */
	public enum Reason {

		/** The evidence cannot be parsed (wrong encoding, truncated, trailing bytes). */
		MALFORMED,

		/** The signature does not verify under the registered key. */
		SIGNATURE_INVALID,

		/** The nonce is not the expected challenge. */
		NONCE_MISMATCH,

		/** The nonce was never issued, has expired or was used already. */
		NONCE_UNKNOWN,

		/** A TPM attestation that does not start with TPM_GENERATED_VALUE. */
		BAD_MAGIC,

		/** A TPM attestation that is not a quote. */
		WRONG_ATTEST_TYPE,

		/** The PCR values sent do not hash to the quoted pcrDigest. */
		PCR_DIGEST_MISMATCH,

		/** The device identity in the evidence is not the registered one. */
		IDENTITY_MISMATCH,

		/** The device has no registered key for this format. */
		NOT_REGISTERED,

		/** The format is not configured on this server. */
		UNSUPPORTED_FORMAT,

		/** An external verifier failed, timed out or answered something untrusted. */
		VERIFIER_UNAVAILABLE

	}

}
