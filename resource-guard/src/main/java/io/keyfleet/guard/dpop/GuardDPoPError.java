package io.keyfleet.guard.dpop;

import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * A DPoP proof failure that must not be reported as {@code invalid_dpop_proof}, although
 * Spring Security's {@code DPoPAuthenticationProvider} wraps every proof failure in that
 * code. The guard's entry point looks for this type among the causes and answers with its
 * own code instead:
 *
 * <ul>
 * <li>{@code invalid_token}: a valid proof made with another key than the token's
 * {@code cnf.jkt}, or a token that is not DPoP-bound (CONTRACT.md "Resource
 * servers");</li>
 * <li>{@code use_dpop_nonce}: the proof lacks a current server nonce (RFC 9449 Section
 * 9).</li>
 * </ul>
 */
public final class GuardDPoPError extends OAuth2Error {

	private static final long serialVersionUID = 1L;

	/** RFC 9449 Section 12.2 {@code use_dpop_nonce}. */
	public static final String USE_DPOP_NONCE = "use_dpop_nonce";

	GuardDPoPError(String errorCode, String description, String uri) {
		super(errorCode, description, uri);
	}

}
