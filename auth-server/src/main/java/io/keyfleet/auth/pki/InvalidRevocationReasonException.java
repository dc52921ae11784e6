package io.keyfleet.auth.pki;

import java.util.Arrays;

/** A revocation reason that is not one of {@link RevocationReason}'s names: {@code 400}. */
public class InvalidRevocationReasonException extends RuntimeException {

	public InvalidRevocationReasonException(String reason) {
		super("reason must be one of " + Arrays.toString(RevocationReason.values()) + " (RFC 5280 §5.3.1)");
	}

}
