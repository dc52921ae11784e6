package io.keyfleet.guard.events;

import org.jspecify.annotations.Nullable;

import io.keyfleet.guard.authorization.DenialReason;
import io.keyfleet.guard.dpop.GuardDPoPError;
import io.keyfleet.guard.state.GuardStateUnavailableException;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Names the {@code reason} of a {@code resource.denied} event (docs/contract-as-built.md
 * "Events stream") for a refusal of the guard, or {@code null} when the refusal is no
 * denial of a token: no token at all, a request for a DPoP nonce (RFC 9449 Section 9,
 * part of the protocol), or the guard failing closed because it cannot read the state.
 */
public final class DenialClassifier {

	private DenialClassifier() {
	}

	/** A denial's reason, and whether the token's signature had been verified. */
	public record Denial(String reason, boolean tokenVerified) {
	}

	/** The denial of a failed authentication (the entry point's {@code 401}s). */
	public static @Nullable Denial of(AuthenticationException exception) {
		if (GuardStateUnavailableException.isCause(exception) || exception instanceof AuthenticationServiceException
				|| !(exception instanceof OAuth2AuthenticationException oauth2)) {
			return null;
		}
		JwtValidationException validation = validation(exception);
		if (OAuth2ErrorCodes.INVALID_DPOP_PROOF.equals(oauth2.getError().getErrorCode())) {
			// Spring checks the proof only after the access token passed every check
			return askedForNonce(validation) ? null : new Denial("binding", true);
		}
		if (validation == null) {
			// the signature failed, or the token is not a JWS of ours at all
			return new Denial("invalid", false);
		}
		for (OAuth2Error error : validation.getErrors()) {
			if (error instanceof StandingError standing) {
				// a revoked signing key was revoked because it may have leaked: whoever holds it
				// can sign any client_id and jti, so such a token names nobody
				return new Denial(standing.reason(), !"signing_key_revoked".equals(standing.reason()));
			}
			// Spring's own checks have no error type of their own: its RFC 8705
			// X509CertificateThumbprintValidator and its JwtTimestampValidator (kept unwrapped:
			// Spring would add its default one back beside a wrapped one) are told by message
			String description = (error.getDescription() != null) ? error.getDescription() : "";
			if (description.contains("X509Certificate")) {
				return new Denial("binding", true);
			}
			if (description.startsWith("Jwt expired")) {
				return new Denial("expired", true);
			}
		}
		return new Denial("invalid", true);
	}

	/** The denial of a valid token that an endpoint's requirement refused (403, or 401 after a step-up). */
	public static @Nullable String of(DenialReason reason) {
		return switch (reason) {
			case STATE_UNAVAILABLE -> null;
			case ATTESTATION_RESET -> "stepped_up";
			default -> "insufficient_scope";
		};
	}

	private static boolean askedForNonce(@Nullable JwtValidationException validation) {
		return validation != null && validation.getErrors()
			.stream()
			.anyMatch((error) -> error instanceof GuardDPoPError
					&& GuardDPoPError.USE_DPOP_NONCE.equals(error.getErrorCode()));
	}

	private static @Nullable JwtValidationException validation(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof JwtValidationException validation) {
				return validation;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

}
