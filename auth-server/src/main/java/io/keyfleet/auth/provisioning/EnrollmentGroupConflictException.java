package io.keyfleet.auth.provisioning;

/** The id is taken (now or before), or the CA is another group's: {@code 409}. */
public final class EnrollmentGroupConflictException extends RuntimeException {

	public EnrollmentGroupConflictException(String message) {
		super(message);
	}

}
