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

	/** Why evidence was refused, or why evidence is needed. */
	public enum Reason {

		/** The evidence cannot be parsed (wrong encoding, truncated, trailing bytes). */
		MALFORMED,

		/** The signature does not verify under the registered key. */
		SIGNATURE_INVALID,

		/**
		 * The nonce is not an issued, unused challenge: never issued, expired, used already
		 * (replayed evidence), or evidence made for another challenge — the server cannot
		 * tell these apart, and all of them ask the device for a new challenge.
		 */
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
		VERIFIER_UNAVAILABLE,

		/** The device's model has no appraisal policy. */
		NO_POLICY,

		/** The evidence verified, and appraisal found it contraindicated. */
		CONTRAINDICATED,

		/** No evidence came, and no attestation result can stand in for it. */
		EVIDENCE_REQUIRED,

		/** No evidence came, and the stored result is too old or the device was stepped up. */
		FRESH_EVIDENCE_REQUIRED;

		/**
		 * Whether evidence refused for this reason makes the device contraindicated
		 * (CONTRACT "Appraisal policy": signature, nonce or identity failures, and what
		 * appraisal refuses), which kills its tokens. Unreadable evidence, an unconfigured
		 * format, a missing policy or an unreachable verifier are refused without that
		 * consequence: they say nothing about the device's state.
		 */
		public boolean contraindicates() {
			return switch (this) {
				case SIGNATURE_INVALID, BAD_MAGIC, WRONG_ATTEST_TYPE, PCR_DIGEST_MISMATCH,
						IDENTITY_MISMATCH, CONTRAINDICATED -> true;
				default -> false;
			};
		}

	}

}
