package io.keyfleet.guard;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Real validation of access tokens: real EC P-256 keys, the public JWK Set served over
 * HTTP on loopback, one test per rejection reason (RFC 9068 Section 4). Each bad token
 * differs from the good one in exactly one respect.
 */
class AccessTokenDecodersTests {

	private static ECKey signingKey;

	private static JwksServer jwks;

	private static JwtDecoder decoder;

	@BeforeAll
	static void startIssuer() {
		signingKey = TestAccessTokens.signingKey("k1");
		jwks = JwksServer.start(new JWKSet(signingKey));
		KeyfleetGuardProperties properties = TestGuardProperties.of(jwks.issuer(), TestRedis.url());
		decoder = AccessTokenDecoders.fromProperties(properties, List.of());
	}

	@AfterAll
	static void stopIssuer() {
		jwks.close();
	}

	@Test
	void decodeWhenAccessTokenValidThenReturnsJwt() {
		String token = sign(TestAccessTokens.header(signingKey), claims());

		Jwt jwt = decoder.decode(token);

		assertThat(jwt.getSubject()).isEqualTo("dev-1");
		assertThat(jwt.getAudience()).containsExactly(TestAccessTokens.AUDIENCE);
		assertThat(jwt.getHeaders()).containsEntry("typ", "at+jwt");
		assertThat(jwt.getClaimAsString("scope")).isEqualTo("telemetry:write config:read");
	}

	@Test
	void decodeWhenTypIsApplicationAtJwtThenReturnsJwt() {
		String token = sign(TestAccessTokens.header(signingKey).type(new JOSEObjectType("application/at+jwt")),
				claims());

		assertThat(decoder.decode(token).getSubject()).isEqualTo("dev-1");
	}

	@Test
	void decodeWhenExpiredWithinClockSkewThenReturnsJwt() {
		Instant now = Instant.now();
		String token = sign(TestAccessTokens.header(signingKey),
				claims().issueTime(Date.from(now.minusSeconds(300))).expirationTime(Date.from(now.minusSeconds(10))));

		assertThat(decoder.decode(token).getSubject()).isEqualTo("dev-1");
	}

	@Test
	void decodeWhenTypIsJwtThenThrowsJwtValidationException() {
		String token = sign(TestAccessTokens.header(signingKey).type(JOSEObjectType.JWT), claims());

		assertInvalidToken(token, "typ");
	}

	@Test
	void decodeWhenTypMissingThenThrowsJwtValidationException() {
		String token = sign(TestAccessTokens.header(signingKey).type(null), claims());

		assertInvalidToken(token, "typ");
	}

	@Test
	void decodeWhenIssuerIsAnotherThenThrowsJwtValidationException() {
		String token = sign(TestAccessTokens.header(signingKey), claims().issuer("https://evil.example"));

		assertInvalidToken(token, "iss");
	}

	@Test
	void decodeWhenAudienceIsAnotherThenThrowsJwtValidationException() {
		String token = sign(TestAccessTokens.header(signingKey), claims().audience("https://reports.example"));

		assertInvalidToken(token, "aud");
	}

	@Test
	void decodeWhenExpiredThenThrowsJwtValidationException() {
		Instant now = Instant.now();
		String token = sign(TestAccessTokens.header(signingKey),
				claims().issueTime(Date.from(now.minusSeconds(400))).expirationTime(Date.from(now.minusSeconds(100))));

		assertInvalidToken(token, "expired");
	}

	@Test
	void decodeWhenExpMissingThenThrowsJwtValidationException() {
		String token = sign(TestAccessTokens.header(signingKey), claims().expirationTime(null));

		assertInvalidToken(token, "exp is required");
	}

	@Test
	void decodeWhenCertificateBoundAndNoClientCertificateThenThrowsJwtValidationException() {
		// RFC 8705 Section 3: a certificate-bound token is worthless without the certificate
		String token = sign(TestAccessTokens.header(signingKey),
				claims().claim("cnf", Map.of("x5t#S256", "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2")));

		assertInvalidToken(token, "X509Certificate");
	}

	@Test
	void decodeWhenSignedByAnotherKeyThenThrowsBadJwtException() {
		// same kid as the published key: only the signature can tell them apart
		ECKey attackerKey = TestAccessTokens.signingKey(signingKey.getKeyID());
		String token = sign(attackerKey, TestAccessTokens.header(attackerKey), claims());

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(token))
			.withMessageContaining("Invalid signature");
	}

	@Test
	void decodeWhenAlgNoneThenThrowsBadJwtException() {
		String token = new PlainJWT(new PlainHeader.Builder().type(new JOSEObjectType("at+jwt")).build(),
				claims().build())
			.serialize();

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(token))
			.withMessageContaining("Unsupported algorithm of none");
	}

	@Test
	void decodeWhenJwkSetServedOverTlsByTheTrustAnchorsServerThenReturnsJwt() throws Exception {
		TestCertificates.Issued ca = TestCertificates.ca("Issuer CA");
		java.nio.file.Path anchor = java.nio.file.Files.createTempFile("anchor", ".pem");
		java.nio.file.Files.writeString(anchor, TestCertificates.pem(ca.certificate()));
		try (JwksServer tls = JwksServer.startTls(new JWKSet(signingKey), ca)) {
			JwtDecoder trusting = AccessTokenDecoders.fromProperties(withTrustAnchor(tls.issuer(), anchor), List.of());

			String token = sign(TestAccessTokens.header(signingKey), TestAccessTokens.claims(tls.issuer()));

			assertThat(trusting.decode(token).getSubject()).isEqualTo("dev-1");
		}
	}

	@Test
	void decodeWhenJwkSetServerNotTrustedThenThrowsJwtException() throws Exception {
		TestCertificates.Issued ca = TestCertificates.ca("Issuer CA");
		TestCertificates.Issued other = TestCertificates.ca("Another CA");
		java.nio.file.Path anchor = java.nio.file.Files.createTempFile("anchor", ".pem");
		java.nio.file.Files.writeString(anchor, TestCertificates.pem(other.certificate()));
		try (JwksServer tls = JwksServer.startTls(new JWKSet(signingKey), ca)) {
			JwtDecoder distrusting = AccessTokenDecoders.fromProperties(withTrustAnchor(tls.issuer(), anchor),
					List.of());

			String token = sign(TestAccessTokens.header(signingKey), TestAccessTokens.claims(tls.issuer()));

			assertThatExceptionOfType(org.springframework.security.oauth2.jwt.JwtException.class)
				.isThrownBy(() -> distrusting.decode(token))
				.withMessageContaining("PKIX path building failed");
		}
	}

	@Test
	void decodeWhenIssuerRotatesToANewKeyThenTokensOfBothKeysAreAccepted() {
		ECKey next = TestAccessTokens.signingKey("k2");
		try (JwksServer rotating = JwksServer.start(new JWKSet(signingKey))) {
			JwtDecoder rotatingDecoder = AccessTokenDecoders
				.fromProperties(TestGuardProperties.of(rotating.issuer(), TestRedis.url()), List.of());
			String old = sign(TestAccessTokens.header(signingKey), TestAccessTokens.claims(rotating.issuer()));
			assertThat(rotatingDecoder.decode(old).getSubject()).isEqualTo("dev-1");

			// the issuer publishes the next key; a token with its kid makes the guard fetch again
			rotating.publish(new JWKSet(List.of(signingKey, next)));
			String renewed = sign(next, TestAccessTokens.header(next), TestAccessTokens.claims(rotating.issuer()));

			assertThat(rotatingDecoder.decode(renewed).getSubject()).isEqualTo("dev-1");
			assertThat(rotatingDecoder.decode(old).getSubject()).isEqualTo("dev-1");
		}
	}

	private static KeyfleetGuardProperties withTrustAnchor(String issuer, java.nio.file.Path anchor) {
		KeyfleetGuardProperties base = TestGuardProperties.of(issuer, TestRedis.url());
		return new KeyfleetGuardProperties(base.issuerUri(), base.audience(), null, base.clockSkew(),
				new org.springframework.core.io.FileSystemResource(anchor), base.cache(), base.cacheMaxEntries(),
				base.redis(), base.dpop(), base.events());
	}

	private static JWTClaimsSet.Builder claims() {
		return TestAccessTokens.claims(jwks.issuer());
	}

	private static String sign(JWSHeader.Builder header, JWTClaimsSet.Builder claims) {
		return sign(signingKey, header, claims);
	}


	private static String sign(ECKey key, JWSHeader.Builder header, JWTClaimsSet.Builder claims) {
		return TestAccessTokens.sign(key, header, claims);
	}

	private static void assertInvalidToken(String token, String reason) {
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder.decode(token))
			.satisfies((ex) -> assertThat(ex.getErrors()).singleElement().satisfies((error) -> {
				assertThat(error.getErrorCode()).isEqualTo(OAuth2ErrorCodes.INVALID_TOKEN);
				assertThat(error.getDescription()).contains(reason);
			}));
	}

}
