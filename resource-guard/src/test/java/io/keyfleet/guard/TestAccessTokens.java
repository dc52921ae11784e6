package io.keyfleet.guard;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Access tokens shaped like the auth-server's (CONTRACT.md "Access token"), signed with
 * real EC P-256 keys: {@code typ at+jwt}, {@code kid}, {@code client_id}, a UUIDv7
 * {@code jti} whose timestamp is the issuance time in milliseconds. Fixtures return
 * builders, so each test changes only what it is about.
 */
public final class TestAccessTokens {

	public static final String AUDIENCE = "https://localhost:8444";

	private static final SecureRandom RANDOM = new SecureRandom();

	private TestAccessTokens() {
	}

	public static ECKey signingKey(String kid) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(kid)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.ES256)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An ES256 header with {@code typ: at+jwt} and the key's {@code kid}. */
	public static JWSHeader.Builder header(ECKey key) {
		return new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt")).keyID(key.getKeyID());
	}

	/** Claims of a live token for device {@code dev-1} at {@link #AUDIENCE}. */
	public static JWTClaimsSet.Builder claims(String issuer) {
		return claims(issuer, "dev-1");
	}

	/** Claims of a live token for client {@code clientId} at {@link #AUDIENCE}, issued now. */
	public static JWTClaimsSet.Builder claims(String issuer, String clientId) {
		return claims(issuer, clientId, System.currentTimeMillis());
	}

	/** Claims of a token issued at {@code issuedAtMillis} (the UUIDv7 {@code jti}'s time). */
	public static JWTClaimsSet.Builder claims(String issuer, String clientId, long issuedAtMillis) {
		Instant issuedAt = Instant.ofEpochMilli(issuedAtMillis);
		return new JWTClaimsSet.Builder().issuer(issuer)
			.subject(clientId)
			.audience(AUDIENCE)
			.claim("client_id", clientId)
			.claim("scope", "telemetry:write config:read")
			.issueTime(Date.from(issuedAt))
			.notBeforeTime(Date.from(issuedAt))
			.expirationTime(Date.from(issuedAt.plusSeconds(300)))
			.jwtID(uuidV7(issuedAtMillis).toString());
	}

	/** {@code att} as the auth-server writes it for an attested device (CONTRACT.md). */
	public static Map<String, Object> attestation(String status) {
		long now = Instant.now().getEpochSecond();
		return Map.of("status", status, "fmt", "eat", "iat", now, "exp", now + 3600);
	}

	/** A UUIDv7 (RFC 9562 Section 5.7) with the given Unix millisecond timestamp. */
	public static UUID uuidV7(long unixMillis) {
		long msb = (unixMillis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
		long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(msb, lsb);
	}

	public static String sign(ECKey key, JWSHeader.Builder header, JWTClaimsSet.Builder claims) {
		try {
			SignedJWT jwt = new SignedJWT(header.build(), claims.build());
			jwt.sign(new ECDSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
