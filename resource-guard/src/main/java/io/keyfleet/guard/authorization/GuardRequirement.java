package io.keyfleet.guard.authorization;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import io.keyfleet.guard.standing.ClientStandings;
import io.keyfleet.guard.state.GuardStateUnavailableException;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.util.Assert;

/**
 * What an endpoint needs, declared next to its request matcher in the Spring Security
 * style and checked in the order declared:
 *
 * <pre>
 * .requestMatchers(POST, "/telemetry").access(guard.scope("telemetry:write").attestation(AFFIRMING))
 * .requestMatchers(GET, "/devices/{id}/config").access(guard.scope("config:read").subjectIs("id"))
 * .requestMatchers(POST, "/devices/{id}/commands").access(guard.scope("commands:write").serviceClientsOnly())
 * </pre>
 *
 * Immutable: every method returns a new requirement with one more {@link GuardRule}. A
 * request without a validated access token is denied without a reason, so that Spring
 * Security asks for authentication ({@code 401} with a challenge); a request whose token
 * breaks a rule is denied with a {@link GuardAuthorizationDecision} naming the rule.
 *
 * @see GuardRequirements
 */
public final class GuardRequirement implements AuthorizationManager<RequestAuthorizationContext> {

	private static final AuthorizationDecision UNAUTHENTICATED = new AuthorizationDecision(false);

	private final ClientStandings standings;

	private final Clock clock;

	private final List<GuardRule> rules;

	GuardRequirement(ClientStandings standings, Clock clock, List<GuardRule> rules) {
		this.standings = standings;
		this.clock = clock;
		this.rules = Collections.unmodifiableList(rules);
	}

	/** The token's {@code scope} contains all of {@code scopes}. */
	public GuardRequirement scope(String... scopes) {
		return and(new ScopeRule(scopes));
	}

	/** The path variable {@code variable} equals the token's {@code sub}. */
	public GuardRequirement subjectIs(String variable) {
		return and(new SubjectRule(variable));
	}

	/** The token's client is a service client (standing {@code kind: service}), not a device. */
	public GuardRequirement serviceClientsOnly() {
		return and(new ServiceClientRule());
	}

	/** The device's attestation is at least {@code minimum} and was not reset since. */
	public GuardRequirement attestation(AttestationStatus minimum) {
		return and(new AttestationRule(minimum));
	}

	/** Any further rule, checked after the ones declared so far. */
	public GuardRequirement and(GuardRule rule) {
		Assert.notNull(rule, "rule cannot be null");
		List<GuardRule> more = new ArrayList<>(this.rules);
		more.add(rule);
		return new GuardRequirement(this.standings, this.clock, more);
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		Jwt token = token(authentication.get());
		if (token == null) {
			return UNAUTHENTICATED;
		}
		GuardRequest request = new GuardRequest(token, context.getVariables(), this.standings, this.clock);
		try {
			for (GuardRule rule : this.rules) {
				GuardDenial denial = rule.check(request);
				if (denial != null) {
					return GuardAuthorizationDecision.denied(denial);
				}
			}
		}
		catch (GuardStateUnavailableException ex) {
			return GuardAuthorizationDecision.denied(GuardDenial.of(DenialReason.STATE_UNAVAILABLE, ex.getMessage()));
		}
		catch (IllegalArgumentException ex) {
			// a malformed standing (the token validators refuse it first): fail closed
			return GuardAuthorizationDecision
				.denied(GuardDenial.of(DenialReason.NOT_ALLOWED, "the client's standing is unreadable"));
		}
		return GuardAuthorizationDecision.GRANTED;
	}

	private static Jwt token(Authentication authentication) {
		if (authentication != null && authentication.isAuthenticated()
				&& authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> oauth2
				&& oauth2.getToken() instanceof Jwt jwt) {
			return jwt;
		}
		return null;
	}

	@Override
	public String toString() {
		return "GuardRequirement " + this.rules;
	}

}
