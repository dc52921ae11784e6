package io.keyfleet.auth.pki;

import java.util.Arrays;
import java.util.Optional;

/**
 * The CRLReason values of RFC 5280 §5.3.1 that an administrator may give, by their ASN.1
 * names. {@code certificateHold} and {@code removeFromCRL} are left out: Keyfleet
 * revocations are final (no hold to release) and it issues no delta CRLs.
 */
public enum RevocationReason {

	unspecified(0), keyCompromise(1), cACompromise(2), affiliationChanged(3), superseded(4),
	cessationOfOperation(5), privilegeWithdrawn(9), aACompromise(10);

	private final int code;

	RevocationReason(int code) {
		this.code = code;
	}

	/** The CRLReason ENUMERATED value. */
	public int code() {
		return this.code;
	}

	/** The reason with this name, ignoring case ({@code keycompromise} is {@code keyCompromise}). */
	public static Optional<RevocationReason> named(String name) {
		return Arrays.stream(values()).filter(r -> r.name().equalsIgnoreCase(name)).findFirst();
	}

}
