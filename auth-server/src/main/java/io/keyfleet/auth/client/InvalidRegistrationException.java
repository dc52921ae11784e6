package io.keyfleet.auth.client;

import java.util.List;

/** A registration or change that fails validation: {@code 400}. */
public final class InvalidRegistrationException extends RuntimeException {

	private final List<FieldError> errors;

	public InvalidRegistrationException(List<FieldError> errors) {
		super(errors.isEmpty() ? "invalid registration"
				: errors.get(0).field() + ": " + errors.get(0).message()
						+ ((errors.size() > 1) ? " (and " + (errors.size() - 1) + " more)" : ""));
		this.errors = List.copyOf(errors);
	}

	public InvalidRegistrationException(String field, String message) {
		this(List.of(new FieldError(field, message)));
	}

	public List<FieldError> errors() {
		return this.errors;
	}

}
