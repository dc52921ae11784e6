package io.keyfleet.guard;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.util.Assert;

/**
 * The claim and header checks that RFC 9068 asks of a resource server, followed by any
 * additional validators (the token's standing in the shared state). The RFC 9068 checks
 * all run and all their failures are reported, each as {@code invalid_token}; the
 * additional validators run only for a token that passed them, one after another until
 * the first refusal, so a token that is not ours never costs a state-store read.
 *
 * <ul>
 * <li>{@code typ} is {@code at+jwt} or {@code application/at+jwt}, any other value or
 * none is refused, so an ID token or another JWT signed by the same key cannot pass as
 * an access token (Spring's default {@code JwtTypeValidator.jwt()} accepts only
 * {@code JWT} or no {@code typ}, and would refuse every Keyfleet token).</li>
 * <li>{@code iss} equals the configured issuer exactly.</li>
 * <li>{@code aud} contains this resource server's identifier.</li>
 * <li>{@code exp} is present and not past, {@code nbf} (if any) not ahead, both within
 * the configured clock skew ({@code exp} is REQUIRED by Section 2.2).</li>
 * <li>a certificate-bound token ({@code cnf.x5t#S256}) arrives over TLS with that client
 * certificate (RFC 8705 Section 3, Spring's default check, kept).</li>
 * </ul>
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc9068#section-4">RFC 9068
 * Section 4 Validating JWT Access Tokens</a>
 */
public final class AccessTokenValidators {

	/** Media type of a JWT access token, short form (RFC 9068 Section 2.1). */
	public static final String AT_JWT = "at+jwt";

	/** Media type of a JWT access token, full form (RFC 9068 Section 4). */
	public static final String APPLICATION_AT_JWT = "application/at+jwt";

	private AccessTokenValidators() {
	}

	/**
	 * The RFC 9068 validators for {@code properties}, then {@code additionalValidators}
	 * in the given order.
	 * @param properties issuer, audience and clock skew
	 * @param additionalValidators further checks (revocation, device standing, ...)
	 * @return a validator that runs them all
	 */
	public static OAuth2TokenValidator<Jwt> create(KeyfleetGuardProperties properties,
			List<OAuth2TokenValidator<Jwt>> additionalValidators) {
		Assert.notNull(properties, "properties cannot be null");
		Assert.notNull(additionalValidators, "additionalValidators cannot be null");
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(rfc9068(properties));
		validators.addAll(additionalValidators);
		DelegatingOAuth2TokenValidator<Jwt> all = new DelegatingOAuth2TokenValidator<>(validators);
		all.setFailOnError(true);
		return all;
	}

	/**
	 * Spring's defaults with their {@code typ} and time checks replaced: Spring adds its
	 * {@code JwtTypeValidator.jwt()} and {@code JwtTimestampValidator} only when the list
	 * holds none, so it keeps just its {@code cnf.x5t#S256} check (RFC 8705 Section 3).
	 * The additional validators are kept out of this list, so that one of them being a
	 * {@code JwtTypeValidator} too cannot bring {@code JwtTypeValidator.jwt()} back.
	 */
	private static OAuth2TokenValidator<Jwt> rfc9068(KeyfleetGuardProperties properties) {
		return JwtValidators.createDefaultWithValidators(new JwtTypeValidator(AT_JWT, APPLICATION_AT_JWT),
				new JwtIssuerValidator(properties.issuerUri()), new JwtAudienceValidator(properties.audience()),
				timestamps(properties));
	}

	private static JwtTimestampValidator timestamps(KeyfleetGuardProperties properties) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		timestamps.setAllowEmptyExpiryClaim(false);
		return timestamps;
	}

}
