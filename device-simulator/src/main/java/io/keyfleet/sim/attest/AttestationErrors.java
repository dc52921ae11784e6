package io.keyfleet.sim.attest;

import java.util.Set;

/**
 * The token endpoint's attestation error codes (CONTRACT "Token", error table) and which of
 * them a device answers with a challenge and fresh evidence.
 */
public final class AttestationErrors {

	/** 400: evidence needed and none given, or its nonce unknown, expired or used. */
	public static final String USE_ATTESTATION_CHALLENGE = "use_attestation_challenge";

	/** 400: the cached result is too old, or the device was stepped up. */
	public static final String USE_FRESH_ATTESTATION = "use_fresh_attestation";

	/** 401: the evidence failed verification or appraisal (contraindicated). */
	public static final String INVALID_CLIENT_ATTESTATION = "invalid_client_attestation";

	private static final Set<String> ASK_FOR_EVIDENCE = Set.of(USE_ATTESTATION_CHALLENGE, USE_FRESH_ATTESTATION);

	private AttestationErrors() {
	}

	/**
	 * @param error an OAuth error code, or {@code null}
	 * @return whether the server asks for a challenge and fresh evidence (worth one retry)
	 */
	public static boolean asksForEvidence(String error) {
		return error != null && ASK_FOR_EVIDENCE.contains(error);
	}

}
