package io.keyfleet.guard.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import io.keyfleet.guard.authorization.DenialReason;
import io.keyfleet.guard.authorization.GuardAuthorizationDecision;
import io.keyfleet.guard.authorization.GuardDenial;
import io.keyfleet.guard.events.DenialClassifier;
import io.keyfleet.guard.events.DenialEvents;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers a valid token that an endpoint's {@code GuardRequirement} refused, with the
 * reason it gave (CONTRACT.md "Resource servers"):
 *
 * <ul>
 * <li>not allowed here (scope missing, not the owner, a device on a service-only
 * endpoint, attestation absent or too low): {@code 403} with
 * {@code error="insufficient_scope"} (RFC 6750 Section 3.1) and an RFC 9457 body whose
 * {@code type} names the exact reason, e.g.
 * {@code https://keyfleet.io/problems/not-owner};</li>
 * <li>the device was stepped up after issuance: {@code 401 invalid_token} (the token no
 * longer carries a usable attestation);</li>
 * <li>the state store could not be read: {@code 503}.</li>
 * </ul>
 *
 * A denial that did not come from the guard (e.g. {@code denyAll()}) is a {@code 403}
 * with type {@code .../not-allowed}. Each refusal is also a {@code resource.denied} event
 * ({@code insufficient_scope} or {@code stepped_up}; {@link DenialEvents}, when
 * configured).
 */
public final class GuardAccessDeniedHandler implements AccessDeniedHandler {

	private final @Nullable DenialEvents events;

	public GuardAccessDeniedHandler() {
		this(null);
	}

	/** @param events where refusals are recorded, or {@code null} */
	public GuardAccessDeniedHandler(@Nullable DenialEvents events) {
		this.events = events;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		GuardDenial denial = denial(exception);
		DenialReason reason = denial.reason();
		String eventReason = DenialClassifier.of(reason);
		if (this.events != null && eventReason != null) {
			// the token passed every check before authorization ran
			this.events.denied(request, eventReason, true);
		}
		if (reason.status() == HttpStatus.SERVICE_UNAVAILABLE) {
			GuardAuthenticationEntryPoint.unavailable(request, response);
			return;
		}
		String scheme = GuardResponses.scheme(request);
		if (reason.status() == HttpStatus.UNAUTHORIZED) {
			GuardResponses.challenge(request, response, scheme, OAuth2ErrorCodes.INVALID_TOKEN, denial.detail(), null);
		}
		else {
			GuardResponses.challenge(request, response, scheme, BearerTokenErrorCodes.INSUFFICIENT_SCOPE,
					denial.detail(), denial.scope());
		}
		GuardResponses.problem(request, response, reason.status(), reason.type(), reason.title(), denial.detail());
	}

	private static GuardDenial denial(AccessDeniedException exception) {
		if (exception instanceof AuthorizationDeniedException denied
				&& denied.getAuthorizationResult() instanceof GuardAuthorizationDecision decision
				&& decision.denial() != null) {
			return decision.denial();
		}
		return GuardDenial.of(DenialReason.NOT_ALLOWED, "no rule allows this request");
	}

}
