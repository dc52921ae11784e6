package io.keyfleet.guard.standing;

import java.util.Map;

import io.keyfleet.guard.state.GuardKeys;
import io.keyfleet.guard.state.GuardStateCache;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;

/**
 * Refuses a certificate-bound token (RFC 8705 Section 3, {@code cnf.x5t#S256}) once the
 * certificate it is bound to was revoked: {@code <p>cert-revoked:<x5t#S256>} exists.
 * That the request presents that very certificate is Spring Security's
 * {@code X509CertificateThumbprintValidator}'s job, which the guard keeps.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc8705#section-3.1">RFC 8705
 * Section 3.1 JWT Certificate Thumbprint Confirmation Method</a>
 */
public final class CertificateRevocationValidator implements OAuth2TokenValidator<Jwt> {

	private final GuardStateCache state;

	private final GuardKeys keys;

	public CertificateRevocationValidator(GuardStateCache state, GuardKeys keys) {
		Assert.notNull(state, "state cannot be null");
		Assert.notNull(keys, "keys cannot be null");
		this.state = state;
		this.keys = keys;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		Map<String, Object> confirmation = token.getClaimAsMap("cnf");
		Object thumbprint = (confirmation != null) ? confirmation.get("x5t#S256") : null;
		if (thumbprint == null) {
			return OAuth2TokenValidatorResult.success();
		}
		if (this.state.get(this.keys.certificateRevoked(thumbprint.toString())) != null) {
			return StandingErrors.invalidToken("certificate_revoked", "the certificate the token is bound to was revoked");
		}
		return OAuth2TokenValidatorResult.success();
	}

}
