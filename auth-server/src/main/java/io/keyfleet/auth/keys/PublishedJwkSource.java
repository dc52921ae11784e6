package io.keyfleet.auth.keys;

import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The public keys served at {@code /oauth2/jwks}: every published {@link SigningKey},
 * each with {@code kid}, {@code use} and {@code alg}. It never holds private keys, so
 * nothing that reads it can sign.
 */
public final class PublishedJwkSource implements JWKSource<SecurityContext> {

	private final SigningKeys keys;

	public PublishedJwkSource(SigningKeys keys) {
		this.keys = keys;
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		List<JWK> jwks = this.keys.published().stream().map(k -> (JWK) k.publicJwk()).toList();
		return selector.select(new JWKSet(jwks));
	}

}
