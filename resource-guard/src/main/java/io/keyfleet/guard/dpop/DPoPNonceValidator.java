package io.keyfleet.guard.dpop;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;

/**
 * A DPoP proof carries a current server nonce ({@code nonce} claim), when the guard
 * requires them ({@code keyfleet.guard.dpop.require-nonce}). Refuses with
 * {@code use_dpop_nonce}; the entry point then sends a fresh nonce in {@code DPoP-Nonce}.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc9449#section-9">RFC 9449
 * Section 9 Resource Server-Provided Nonce</a>
 */
final class DPoPNonceValidator implements OAuth2TokenValidator<Jwt> {

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc9449#section-9";

	private final DPoPNonces nonces;

	DPoPNonceValidator(DPoPNonces nonces) {
		Assert.notNull(nonces, "nonces cannot be null");
		this.nonces = nonces;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt proof) {
		String nonce = proof.getClaimAsString("nonce");
		if (nonce == null) {
			return failure("Resource server requires nonce in DPoP proof");
		}
		if (!this.nonces.isValid(nonce)) {
			return failure("The DPoP nonce is invalid or stale");
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult
			.failure(new GuardDPoPError(GuardDPoPError.USE_DPOP_NONCE, description, ERROR_URI));
	}

}
