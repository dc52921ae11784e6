package io.keyfleet.auth.attestation.policy;

import java.util.List;

import io.keyfleet.auth.attestation.AttestationStatus;

/** The outcome of appraising verified evidence, with the reasons for anything but affirming. */
public record Appraisal(AttestationStatus status, List<String> reasons) {

	public Appraisal {
		reasons = List.copyOf(reasons);
	}

}
