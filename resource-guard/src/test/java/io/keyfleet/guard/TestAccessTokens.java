package io.keyfleet.guard;

import java.time.Instant;
import java.util.Date;
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
 * real EC P-256 keys. Fixtures return builders, so each test changes only what it is
 * about.
 */
public final class TestAccessTokens {

	public static final String AUDIENCE = "https://localhost:8444";

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
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(issuer)
			.subject("dev-1")
			.audience(AUDIENCE)
			.claim("client_id", "dev-1")
			.claim("scope", "telemetry:write config:read")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.jwtID(UUID.randomUUID().toString());
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
