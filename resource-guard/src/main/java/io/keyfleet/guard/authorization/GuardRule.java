package io.keyfleet.guard.authorization;

import org.jspecify.annotations.Nullable;

/**
 * One condition an endpoint puts on a valid token. Rules compose into a
 * {@link GuardRequirement}; each returns {@code null} when satisfied (the "not mine"
 * convention of Spring Security's providers) or the {@link GuardDenial} that explains the
 * refusal.
 */
@FunctionalInterface
public interface GuardRule {

	/**
	 * @param request the token and request being authorized
	 * @return {@code null} when the rule is satisfied, else why not
	 * @throws io.keyfleet.guard.state.GuardStateUnavailableException when the rule needs
	 * the shared state and it cannot be read
	 */
	@Nullable GuardDenial check(GuardRequest request);

}
