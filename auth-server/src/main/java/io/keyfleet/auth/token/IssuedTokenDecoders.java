package io.keyfleet.auth.token;

import java.security.Key;
import java.util.List;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import io.keyfleet.auth.keys.FastJwsVerifierFactory;
import io.keyfleet.auth.keys.LeanClaimSetConverter;
import io.keyfleet.auth.keys.SigningKey;
import io.keyfleet.auth.keys.SigningKeys;

/**
 * Decoders for the access tokens this server issued, verified locally against its own
 * published keys (no JWKS fetch): {@code typ at+jwt}, ES256, a known {@code kid}. Claim
 * checks are the caller's validators.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-4">RFC 9068 §4 Validating JWT Access Tokens</a>
 */
public final class IssuedTokenDecoders {

	private static final LeanClaimSetConverter CLAIMS = new LeanClaimSetConverter();

	private IssuedTokenDecoders() {
	}

	public static JwtDecoder create(SigningKeys keys, OAuth2TokenValidator<Jwt> validator) {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
		processor.setJWSKeySelector((header, context) -> {
			if (!JWSAlgorithm.ES256.equals(header.getAlgorithm()) || header.getKeyID() == null) {
				return List.of();
			}
			return keys.byKid(header.getKeyID()).map(SigningKey::verificationKey).map(k -> List.<Key>of(k)).orElse(List.of());
		});
		processor.setJWSVerifierFactory(new FastJwsVerifierFactory());
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		decoder.setClaimSetConverter(CLAIMS);
		decoder.setJwtValidator(validator);
		return decoder;
	}

}
