package io.keyfleet.auth.clientauth;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import io.keyfleet.auth.client.ClientJwks;
import io.keyfleet.auth.client.ResolvedClient;
import io.keyfleet.auth.client.ResolvedClientCache;
import io.keyfleet.auth.keys.FastJwsVerifierFactory;
import io.keyfleet.auth.keys.LeanClaimSetConverter;

/**
 * Decoders for RFC 7523 client assertions, replacing the JWK Set URL lookup of Spring's
 * {@code JwtClientAssertionDecoderFactory} with the client's registered, inline JWKS.
 *
 * <p>
 * {@code private_key_jwt}: ES256, EdDSA, RS256 and PS256 only, each only with a key of its
 * own type (so {@code HS256} "signed" with a public key — algorithm confusion — finds no
 * key), matched by {@code kid} when the header has one. {@code client_secret_jwt}: HS256
 * with the client's HMAC key. {@code alg: none} is refused by the decoder itself.
 *
 * <p>
 * One decoder per registered-client instance: a changed registration is a new instance
 * (the registry cache resolves it afresh), so keys are parsed once per version, never per
 * request.
 */
public final class ClientAssertionDecoderFactory implements JwtDecoderFactory<RegisteredClient> {

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc7523#section-3";

	/** RFC 7523 does not require {@code typ}; RFC 7523bis names {@code client-authentication+jwt}. */
	private static final DefaultJOSEObjectTypeVerifier<SecurityContext> TYPES = new DefaultJOSEObjectTypeVerifier<>(
			JOSEObjectType.JWT, new JOSEObjectType("client-authentication+jwt"), null);

	private static final LeanClaimSetConverter CLAIMS = new LeanClaimSetConverter();

	private final ResolvedClientCache clients;

	private final Function<RegisteredClient, OAuth2TokenValidator<Jwt>> validatorFactory;

	private final FastJwsVerifierFactory verifiers = new FastJwsVerifierFactory();

	private final Cache<RegisteredClient, JwtDecoder> decoders = Caffeine.newBuilder().weakKeys().build();

	public ClientAssertionDecoderFactory(ResolvedClientCache clients,
			Function<RegisteredClient, OAuth2TokenValidator<Jwt>> validatorFactory) {
		this.clients = clients;
		this.validatorFactory = validatorFactory;
	}

	@Override
	public JwtDecoder createDecoder(RegisteredClient registeredClient) {
		return this.decoders.get(registeredClient, this::build);
	}

	private JwtDecoder build(RegisteredClient registeredClient) {
		JWSKeySelector<SecurityContext> keySelector;
		if (registeredClient.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.CLIENT_SECRET_JWT)) {
			Key hmacKey = new SecretKeySpec(registeredClient.getClientSecret().getBytes(StandardCharsets.UTF_8),
					"HmacSHA256");
			keySelector = (header, context) -> JWSAlgorithm.HS256.equals(header.getAlgorithm()) ? List.of(hmacKey)
					: List.of();
		}
		else {
			ClientJwks jwks = this.clients.find(registeredClient.getClientId())
				.map(ResolvedClient::jwks)
				.orElseThrow(() -> invalidClient("no keys registered"));
			keySelector = (header, context) -> select(jwks, header);
		}
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSTypeVerifier(TYPES);
		processor.setJWSKeySelector(keySelector);
		processor.setJWSVerifierFactory(this.verifiers);
		// claims are checked by Spring validators (see the validator factory)
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		decoder.setClaimSetConverter(CLAIMS);
		decoder.setJwtValidator(this.validatorFactory.apply(registeredClient));
		return decoder;
	}

	private static List<Key> select(ClientJwks jwks, JWSHeader header) {
		List<Key> keys = new ArrayList<>(1);
		String kid = header.getKeyID();
		for (ClientJwks.ClientKey key : jwks.keys()) {
			Set<JWSAlgorithm> algorithms = key.algorithms();
			if (algorithms.contains(header.getAlgorithm()) && (kid == null || key.kid() == null || kid.equals(key.kid()))) {
				keys.add(key.publicKey());
			}
		}
		return keys;
	}

	private static OAuth2AuthenticationException invalidClient(String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description, ERROR_URI));
	}

}
