package io.keyfleet.auth.provisioning;

/** No enrollment group with that id: {@code 404}. */
public final class EnrollmentGroupNotFoundException extends RuntimeException {

	public EnrollmentGroupNotFoundException(String id) {
		super("enrollment group " + id + " does not exist");
	}

}
