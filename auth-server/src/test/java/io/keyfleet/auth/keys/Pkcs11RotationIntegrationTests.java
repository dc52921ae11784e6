package io.keyfleet.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import io.keyfleet.auth.keys.TestRotations.Deployment;
import io.keyfleet.auth.support.MovableClock;

/**
 * Rotation with the keys in a SoftHSM2 token: the next key is generated inside the token
 * (sensitive, not extractable) and the keyring holds only its label; after a rotation the
 * encoder signs in the token with the new key and the JWKS verifies it; a key removed from
 * the keyring is deleted from the token, the operator's configured key never.
 */
class Pkcs11RotationIntegrationTests {

	private static SoftHsm hsm;

	private final MovableClock clock = MovableClock.startingNow();

	@BeforeAll
	static void token() {
		hsm = SoftHsm.token();
	}

	@Test
	void rotateWhenKeysInTokenThenNewKeyMadeInTheTokenSignsAndVerifiesWithTheJwks() throws Exception {
		Deployment deployment = TestRotations.deployment("pkcs11");
		Pkcs11Token token = Pkcs11Token.open(hsm.properties());
		KeyRotation node = deployment.node(KeyVault.inToken(deployment.kek(), token, SoftHsm.KEY_LABEL), this.clock);
		SigningKeys keys = node.start();
		KeyringEntry next = node.keyring().next().orElseThrow();

		node.rotate(true, "admin");

		assertThat(keys.active().kid()).isEqualTo(next.kid());
		assertThat(next.tokenLabel()).isEqualTo(Pkcs11KeyVault.LABEL_PREFIX + next.kid());
		assertThat(next.encryptedPrivateKey()).isNull();
		assertThat(deployment.storedJson()).doesNotContain("encrypted_private_key");
		KeyStore store = freshView();
		Key inToken = store.getKey(next.tokenLabel(), null);
		assertThat(inToken).isInstanceOf(PrivateKey.class);
		assertThat(inToken.getEncoded()).as("never extracted").isNull();
		assertThat(inToken.toString()).contains("token object", "sensitive", "unextractable");

		SignedJWT jwt = SignedJWT.parse(new KeyfleetJwtEncoder(keys)
			.encode(JwtEncoderParameters.from(JwsHeader.with(() -> "ES256").type("at+jwt").build(),
					JwtClaimsSet.builder().subject("dev-1").issuedAt(Instant.now()).build()))
			.getTokenValue());
		List<JWK> jwks = new PublishedJwkSource(keys).get(new JWKSelector(new JWKMatcher.Builder().build()), null);
		ECKey published = (ECKey) jwks.stream().filter(k -> k.getKeyID().equals(jwt.getHeader().getKeyID())).findFirst()
			.orElseThrow();
		assertThat(jwt.getHeader().getKeyID()).isEqualTo(next.kid());
		assertThat(jwt.verify(new ECDSAVerifier(published))).isTrue();
		assertThat(jwks).extracting(JWK::getKeyID).contains(node.keyring().active().kid());
	}

	@Test
	void removeWhenGeneratedKeyExpiredThenDeletedFromTokenButConfiguredKeyKept() throws Exception {
		Deployment deployment = TestRotations.deployment("pkcs11-remove");
		Pkcs11Token token = Pkcs11Token.open(hsm.properties());
		KeyRotation node = deployment.node(KeyVault.inToken(deployment.kek(), token, SoftHsm.KEY_LABEL), this.clock);
		node.start();
		KeyringEntry generated = node.keyring().next().orElseThrow();
		node.rotate(true, "admin");
		node.revoke(generated.kid(), "admin");
		node.rotate(true, "admin");

		this.clock.advance(TestRotations.RETENTION.plus(node.properties().checkInterval()));
		new ScheduledRotation(node).run();

		List<String> labels = Collections.list(freshView().aliases());
		assertThat(node.keyring().byKid(generated.kid())).isEmpty();
		assertThat(labels).doesNotContain(generated.tokenLabel()).contains(SoftHsm.KEY_LABEL);
	}

	private static KeyStore freshView() {
		return Pkcs11Token.open(hsm.properties()).keyStore();
	}

}
