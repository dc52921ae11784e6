package io.keyfleet.auth.clientauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The claim rules of RFC 7523 §3 for a client assertion, for one client: {@code iss} and
 * {@code sub} are the client id (items 1-2), {@code aud} names this server — its issuer or
 * the URL of the token, introspection or revocation endpoint (item 3) — {@code exp} is
 * present and not past, {@code nbf} (if any) not ahead, both with clock skew (items 4-5).
 *
 * <p>
 * Does what Spring's {@code JwtClientAssertionDecoderFactory.DEFAULT_JWT_VALIDATOR_FACTORY}
 * does, but with the audiences computed once instead of four URL builds per request, and
 * with Keyfleet's clock skew.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7523#section-3">RFC 7523 §3</a>
 */
public final class ClientAssertionClaimsValidator implements OAuth2TokenValidator<Jwt> {

	private static final String ERROR_URI = "https://www.rfc-editor.org/rfc/rfc7523#section-3";

	private final String clientId;

	private final Set<String> audiences;

	private final Duration clockSkew;

	private final Clock clock;

	public ClientAssertionClaimsValidator(String clientId, Set<String> audiences, Duration clockSkew, Clock clock) {
		this.clientId = clientId;
		this.audiences = Set.copyOf(audiences);
		this.clockSkew = clockSkew;
		this.clock = clock;
	}

	/** The audiences an assertion may name on a server with this issuer. */
	public static Set<String> audiencesOf(String issuer) {
		return Set.of(issuer, issuer + "/oauth2/token", issuer + "/oauth2/introspect", issuer + "/oauth2/revoke");
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt assertion) {
		if (!this.clientId.equals(assertion.getClaimAsString("iss"))) {
			return failure("the assertion's iss is not the client id");
		}
		if (!this.clientId.equals(assertion.getSubject())) {
			return failure("the assertion's sub is not the client id");
		}
		List<String> audience = assertion.getAudience();
		if (audience == null || audience.stream().noneMatch(this.audiences::contains)) {
			return failure("the assertion's aud does not name this server");
		}
		Instant now = this.clock.instant();
		Instant exp = assertion.getExpiresAt();
		if (exp == null) {
			return failure("the assertion has no exp");
		}
		if (now.minus(this.clockSkew).isAfter(exp)) {
			return failure("the assertion has expired");
		}
		Instant nbf = assertion.getNotBefore();
		if (nbf != null && now.plus(this.clockSkew).isBefore(nbf)) {
			return failure("the assertion is not valid yet (nbf)");
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description, ERROR_URI));
	}

}
