package io.keyfleet.guard.authorization;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * One refusal: its reason, a human-readable detail, and for {@link DenialReason#SCOPE_MISSING}
 * the scope that would have allowed the request (RFC 6750 Section 3 {@code scope}).
 *
 * @param reason why
 * @param detail what exactly, for the problem's {@code detail}
 * @param scope the needed scope(s), space-separated, or {@code null}
 */
public record GuardDenial(DenialReason reason, String detail, @Nullable String scope) {

	public GuardDenial {
		Assert.notNull(reason, "reason cannot be null");
		Assert.hasText(detail, "detail cannot be empty");
	}

	public static GuardDenial of(DenialReason reason, String detail) {
		return new GuardDenial(reason, detail, null);
	}

}
