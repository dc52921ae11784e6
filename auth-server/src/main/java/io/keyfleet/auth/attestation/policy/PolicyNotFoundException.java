package io.keyfleet.auth.attestation.policy;

/** No appraisal policy for a model: {@code 404}. */
public final class PolicyNotFoundException extends RuntimeException {

	public PolicyNotFoundException(String model) {
		super("no appraisal policy for model " + model);
	}

}
