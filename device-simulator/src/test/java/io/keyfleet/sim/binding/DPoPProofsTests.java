package io.keyfleet.sim.binding;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.keyfleet.sim.EcKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DPoPProofsTests {

	private final KeyPair keyPair = EcKeys.generate();

	private final DPoPProofs proofs = new DPoPProofs(this.keyPair);

	@Test
	void forTokenRequestWhenNoNonceThenRfc9449HeaderAndClaimsWithoutAthOrNonce() throws Exception {
		SignedJWT proof = SignedJWT.parse(this.proofs.forTokenRequest(URI.create("https://as.example:8443/oauth2/token"), null));

		// RFC 9449 4.2: typ dpop+jwt, an asymmetric alg, the public jwk (no private part)
		assertThat(proof.getHeader().getType()).isEqualTo(new JOSEObjectType("dpop+jwt"));
		assertThat(proof.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		ECKey jwk = (ECKey) proof.getHeader().getJWK();
		assertThat(jwk.isPrivate()).isFalse();
		assertThat(jwk.toECPublicKey()).isEqualTo(this.keyPair.getPublic());
		assertThat(proof.verify(new ECDSAVerifier((ECPublicKey) this.keyPair.getPublic()))).isTrue();
		JWTClaimsSet claims = proof.getJWTClaimsSet();
		assertThat(claims.getStringClaim("htm")).isEqualTo("POST");
		assertThat(claims.getStringClaim("htu")).isEqualTo("https://as.example:8443/oauth2/token");
		assertThat(claims.getIssueTime().toInstant()).isCloseTo(Instant.now(), within(5, java.time.temporal.ChronoUnit.SECONDS));
		assertThat(Base64URL.from(claims.getJWTID()).decode()).hasSizeGreaterThanOrEqualTo(12);
		assertThat(claims.getClaim("ath")).isNull();
		assertThat(claims.getClaim("nonce")).isNull();
	}

	@Test
	void forResourceWhenTokenAndNonceThenAthIsTokenHashAndHtuWithoutQuery() throws Exception {
		String token = "eyJhbGciOiJFUzI1NiJ9.e30.c2ln";

		SignedJWT proof = SignedJWT.parse(this.proofs.forResource("GET",
				URI.create("https://rs.example/devices/d1/config?x=1#frag"), token, "server-nonce"));

		JWTClaimsSet claims = proof.getJWTClaimsSet();
		assertThat(claims.getStringClaim("htm")).isEqualTo("GET");
		// RFC 9449 4.2: htu without query and fragment
		assertThat(claims.getStringClaim("htu")).isEqualTo("https://rs.example/devices/d1/config");
		// RFC 9449 4.2: ath = base64url(SHA-256(ASCII(access token)))
		byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
		assertThat(claims.getStringClaim("ath")).isEqualTo(Base64URL.encode(hash).toString());
		assertThat(claims.getStringClaim("nonce")).isEqualTo("server-nonce");
	}

	@Test
	void proofsWhenTwoRequestsThenEachHasItsOwnJti() throws Exception {
		URI endpoint = URI.create("https://as.example/oauth2/token");

		String first = SignedJWT.parse(this.proofs.forTokenRequest(endpoint, null)).getJWTClaimsSet().getJWTID();
		String second = SignedJWT.parse(this.proofs.forTokenRequest(endpoint, null)).getJWTClaimsSet().getJWTID();

		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void thumbprintWhenKeyThenRfc7638ThumbprintOfThePublicJwk() throws Exception {
		assertThat(this.proofs.thumbprint())
			.isEqualTo(new ECKey.Builder(com.nimbusds.jose.jwk.Curve.P_256, (ECPublicKey) this.keyPair.getPublic()).build()
				.computeThumbprint());
		assertThat(this.proofs.toString()).doesNotContain("\"d\"");
	}

}
