package io.keyfleet.guard.authorization;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authorization.AuthorizationDecision;

/**
 * An {@link AuthorizationDecision} that remembers why it denied, so that the guard's
 * access-denied handler can answer with the exact problem type. Spring Security hands it
 * over inside {@code AuthorizationDeniedException#getAuthorizationResult()}.
 */
public final class GuardAuthorizationDecision extends AuthorizationDecision {

	static final GuardAuthorizationDecision GRANTED = new GuardAuthorizationDecision(null);

	private final @Nullable GuardDenial denial;

	private GuardAuthorizationDecision(@Nullable GuardDenial denial) {
		super(denial == null);
		this.denial = denial;
	}

	static GuardAuthorizationDecision denied(GuardDenial denial) {
		return new GuardAuthorizationDecision(denial);
	}

	/** Why access was denied; {@code null} when granted. */
	public @Nullable GuardDenial denial() {
		return this.denial;
	}

	@Override
	public String toString() {
		return "GuardAuthorizationDecision [granted=" + isGranted() + ", denial=" + this.denial + "]";
	}

}
