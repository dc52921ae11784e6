package io.keyfleet.guard;

import java.util.List;

import io.keyfleet.guard.tls.TrustAnchors;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.Assert;

/**
 * Builds the decoder for Keyfleet access tokens: the signature is verified with a key
 * from the issuer's JWK Set, and only {@code ES256} (the auth-server's algorithm) is
 * accepted, so unsigned ({@code alg: none}), MAC-signed and otherwise-signed tokens are
 * refused before any claim is read; the claims are then checked by
 * {@link AccessTokenValidators}.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc9068#section-4">RFC 9068
 * Section 4 Validating JWT Access Tokens</a>
 */
public final class AccessTokenDecoders {

	private AccessTokenDecoders() {
	}

	/**
	 * A decoder for the issuer and audience in {@code properties}.
	 * @param properties the guard's configuration
	 * @param additionalValidators further checks, applied after the RFC 9068 ones
	 * @return a decoder that fetches the JWK Set lazily, on the first token
	 */
	public static NimbusJwtDecoder fromProperties(KeyfleetGuardProperties properties,
			List<OAuth2TokenValidator<Jwt>> additionalValidators) {
		Assert.notNull(properties, "properties cannot be null");
		Assert.hasText(properties.jwkSetUri(), "jwkSetUri cannot be empty");
		// RFC 9068 Section 4: the signature is verified with the issuer's keys, "none" is
		// refused; accepting only the issuer's one algorithm follows RFC 8725 Section 3.1
		// the JWK Set is cached and fetched again for an unknown kid (key rotation), over
		// TLS trusting the configured anchor
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.restOperations(TrustAnchors.restOperations(properties.trustAnchor()))
			.jwtProcessorCustomizer((processor) -> processor.setJWSVerifierFactory(new Es256VerifierFactory()))
			.build();
		decoder.setJwtValidator(AccessTokenValidators.create(properties, additionalValidators));
		return decoder;
	}

}
