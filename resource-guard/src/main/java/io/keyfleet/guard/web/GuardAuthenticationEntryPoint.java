package io.keyfleet.guard.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import io.keyfleet.guard.authorization.DenialReason;
import io.keyfleet.guard.dpop.DPoPNonces;
import io.keyfleet.guard.dpop.GuardDPoPError;
import io.keyfleet.guard.events.DenialClassifier;
import io.keyfleet.guard.events.DenialEvents;
import io.keyfleet.guard.state.GuardStateUnavailableException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Every {@code 401} (and the fail-closed {@code 503}) of the guard, for both
 * {@code Bearer} and {@code DPoP} requests (CONTRACT.md "Resource servers"):
 *
 * <ul>
 * <li>no token: {@code 401} with a {@code Bearer} and a {@code DPoP} challenge and no
 * error code (RFC 6750 Section 3.1);</li>
 * <li>a token that is invalid, expired, for another audience, or no longer in good
 * standing: {@code 401 invalid_token};</li>
 * <li>a DPoP-bound token with a missing or broken proof: {@code 401 invalid_dpop_proof};
 * a proof with another key than {@code cnf.jkt}: {@code 401 invalid_token}; a proof
 * without a current nonce: {@code 401 use_dpop_nonce} and a {@code DPoP-Nonce} header
 * (RFC 9449 Sections 7.1 and 9);</li>
 * <li>the state store (or the issuer's JWK Set) cannot be reached: {@code 503} with a
 * problem body and {@code Retry-After}: the guard cannot tell, so it does not let the
 * request through (fail closed), and says it is a temporary condition on its side rather
 * than a bad token — a client must not throw its token away for it.</li>
 * </ul>
 *
 * Errors other than "no token" also carry an RFC 9457 problem body whose {@code type}
 * names the error. Each denied token is also a {@code resource.denied} event
 * ({@link DenialEvents}, when configured), appended without waiting.
 */
public final class GuardAuthenticationEntryPoint implements AuthenticationEntryPoint {

	/** Problem type of a {@code 401}: {@code https://keyfleet.io/problems/<error code>}. */
	static final String TOKEN_PROBLEM_BASE = DenialReason.PROBLEM_BASE;

	private final String resourceMetadataUrl;

	private final @Nullable DPoPNonces nonces;

	private final @Nullable DenialEvents events;

	/**
	 * @param resource this resource server's identifier ({@code keyfleet.guard.audience}),
	 * from which the challenge's {@code resource_metadata} URL is derived
	 * @param nonces the DPoP nonce source, or {@code null} when nonces are not required
	 */
	public GuardAuthenticationEntryPoint(String resource, @Nullable DPoPNonces nonces) {
		this(resource, nonces, null);
	}

	/**
	 * @param events where denied tokens are recorded, or {@code null}
	 */
	public GuardAuthenticationEntryPoint(String resource, @Nullable DPoPNonces nonces, @Nullable DenialEvents events) {
		this.resourceMetadataUrl = GuardResponses.resourceMetadataUrl(resource);
		this.nonces = nonces;
		this.events = events;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (this.events != null) {
			DenialClassifier.Denial denial = DenialClassifier.of(exception);
			if (denial != null) {
				this.events.denied(request, denial.reason(), denial.tokenVerified());
			}
		}
		if (GuardStateUnavailableException.isCause(exception) || exception instanceof AuthenticationServiceException) {
			unavailable(request, response);
			return;
		}
		if (!(exception instanceof OAuth2AuthenticationException oauth2)) {
			GuardResponses.challengeBoth(response, this.resourceMetadataUrl);
			return;
		}
		OAuth2Error error = effectiveError(oauth2);
		String scheme = GuardResponses.scheme(request);
		if (GuardDPoPError.USE_DPOP_NONCE.equals(error.getErrorCode()) && this.nonces != null) {
			try {
				response.setHeader("DPoP-Nonce", this.nonces.current());
			}
			catch (GuardStateUnavailableException ex) {
				unavailable(request, response);
				return;
			}
		}
		HttpStatus status = OAuth2ErrorCodes.INVALID_REQUEST.equals(error.getErrorCode()) ? HttpStatus.BAD_REQUEST
				: HttpStatus.UNAUTHORIZED;
		GuardResponses.challenge(request, response, scheme, error.getErrorCode(), error.getDescription(), null);
		GuardResponses.problem(request, response, status, TOKEN_PROBLEM_BASE + error.getErrorCode().replace('_', '-'),
				title(error.getErrorCode()), error.getDescription());
	}

	static void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, "1");
		GuardResponses.problem(request, response, HttpStatus.SERVICE_UNAVAILABLE, DenialReason.STATE_UNAVAILABLE.type(),
				DenialReason.STATE_UNAVAILABLE.title(),
				"the guard cannot check the token's standing right now; retry shortly");
	}

	/**
	 * Spring reports every failed DPoP proof as {@code invalid_dpop_proof}; a
	 * {@link GuardDPoPError} among the causes says what it really was.
	 */
	private static OAuth2Error effectiveError(OAuth2AuthenticationException exception) {
		OAuth2Error error = exception.getError();
		if (OAuth2ErrorCodes.INVALID_DPOP_PROOF.equals(error.getErrorCode())) {
			for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
				if (cause instanceof JwtValidationException validation) {
					for (OAuth2Error candidate : validation.getErrors()) {
						if (candidate instanceof GuardDPoPError) {
							return candidate;
						}
					}
					OAuth2Error first = validation.getErrors().isEmpty() ? null
							: validation.getErrors().iterator().next();
					if (first != null && first.getDescription() != null) {
						return new OAuth2Error(error.getErrorCode(), first.getDescription(), error.getUri());
					}
				}
				if (cause.getCause() == cause) {
					break;
				}
			}
			if (error.getDescription() == null) {
				return new OAuth2Error(error.getErrorCode(), "DPoP proof is invalid", error.getUri());
			}
		}
		return error;
	}

	private static String title(String errorCode) {
		return switch (errorCode) {
			case OAuth2ErrorCodes.INVALID_TOKEN -> "Invalid token";
			case OAuth2ErrorCodes.INVALID_DPOP_PROOF -> "Invalid DPoP proof";
			case GuardDPoPError.USE_DPOP_NONCE -> "DPoP nonce required";
			case OAuth2ErrorCodes.INVALID_REQUEST -> "Invalid request";
			default -> "Unauthorized";
		};
	}

}
