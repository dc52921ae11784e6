package io.keyfleet.guard.authorization;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A path variable names the token's own {@code sub} (for a device, its device id), so a
 * device reaches its own resources and no other device's.
 */
final class SubjectRule implements GuardRule {

	private final String variable;

	/**
	 * @param variable the path variable holding the owner's id, e.g. {@code id} in
	 * {@code /devices/{id}/config}
	 */
	SubjectRule(String variable) {
		Assert.hasText(variable, "variable cannot be empty");
		this.variable = variable;
	}

	@Override
	public @Nullable GuardDenial check(GuardRequest request) {
		String owner = request.variable(this.variable);
		if (owner != null && owner.equals(request.token().getSubject())) {
			return null;
		}
		return GuardDenial.of(DenialReason.NOT_OWNER, "the token's subject is not {" + this.variable + "}");
	}

}
