package io.keyfleet.guard.authorization;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The token's {@code scope} (a space-separated string, RFC 9068 Section 2.2.3 after
 * RFC 8693 Section 4.2) contains every scope the endpoint needs.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc6750#section-3.1">RFC 6750
 * Section 3.1 insufficient_scope</a>
 */
final class ScopeRule implements GuardRule {

	private final Set<String> required;

	ScopeRule(String... required) {
		Assert.notEmpty(required, "required cannot be empty");
		for (String scope : required) {
			Assert.hasText(scope, "a scope cannot be empty");
		}
		this.required = new LinkedHashSet<>(Arrays.asList(required));
	}

	@Override
	public @Nullable GuardDenial check(GuardRequest request) {
		Set<String> granted = granted(request.token().getClaim("scope"));
		if (granted.containsAll(this.required)) {
			return null;
		}
		String needed = String.join(" ", this.required);
		return new GuardDenial(DenialReason.SCOPE_MISSING, "this endpoint needs scope " + needed, needed);
	}

	private static Set<String> granted(@Nullable Object claim) {
		Set<String> scopes = new LinkedHashSet<>();
		if (claim instanceof String value) {
			scopes.addAll(Arrays.asList(StringUtils.tokenizeToStringArray(value, " ")));
		}
		else if (claim instanceof Collection<?> values) {
			values.forEach((value) -> scopes.add(String.valueOf(value)));
		}
		return scopes;
	}

}
