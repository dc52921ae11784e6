package io.keyfleet.auth.attestation;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The outcome of appraisal (RFC 9334 attestation result; the trust-tier names of
 * draft-ietf-rats-ear): only {@code affirming} and {@code warning} devices get tokens.
 */
public enum AttestationStatus {

	AFFIRMING("affirming"), WARNING("warning"), CONTRAINDICATED("contraindicated");

	private final String wireName;

	AttestationStatus(String wireName) {
		this.wireName = wireName;
	}

	@JsonValue
	public String wireName() {
		return this.wireName;
	}

	public boolean acceptable() {
		return this != CONTRAINDICATED;
	}

	/** The worse of two outcomes. */
	public AttestationStatus worst(AttestationStatus other) {
		return (other.ordinal() > ordinal()) ? other : this;
	}

	public static Optional<AttestationStatus> fromWireName(String name) {
		return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
	}

}
