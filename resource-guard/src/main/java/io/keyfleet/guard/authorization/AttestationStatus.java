package io.keyfleet.guard.authorization;

import java.util.Locale;

/**
 * How much a resource can trust the device behind a token, from the token's
 * {@code att.status} (CONTRACT.md "Access token"), ordered
 * {@code NONE < WARNING < AFFIRMING}. The names follow the trustworthiness tiers of the
 * EAT Attestation Result draft that RFC 9334's Relying Party consumes.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc9334#section-3">RFC 9334
 * Section 3 Architectural Overview (attestation results)</a>
 */
public enum AttestationStatus {

	/** No usable attestation: none in the token, an unknown status, or one that was reset. */
	NONE,

	/** Attested, with reservations (e.g. firmware below the recommended version). */
	WARNING,

	/** Attested and conforming to the appraisal policy. */
	AFFIRMING;

	/**
	 * @param minimum the status an endpoint needs
	 * @return whether this status is at least {@code minimum}
	 */
	public boolean isAtLeast(AttestationStatus minimum) {
		return compareTo(minimum) >= 0;
	}

	/**
	 * Reads {@code att.status}; anything but {@code affirming} or {@code warning} (a
	 * status this version does not know, or {@code contraindicated}) counts as
	 * {@link #NONE}.
	 * @param claim the claim's value, possibly {@code null}
	 * @return the status
	 */
	public static AttestationStatus fromClaim(Object claim) {
		if (claim instanceof String value) {
			switch (value.toLowerCase(Locale.ROOT)) {
				case "affirming":
					return AFFIRMING;
				case "warning":
					return WARNING;
				default:
					return NONE;
			}
		}
		return NONE;
	}

	/** The wire name, as in {@code att.status}. */
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
