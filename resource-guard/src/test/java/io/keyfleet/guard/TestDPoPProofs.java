package io.keyfleet.guard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
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
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * DPoP proofs (RFC 9449 Section 4.2) made with real EC keys: {@code typ dpop+jwt}, the
 * public {@code jwk} in the header, {@code jti}, {@code htm}, {@code htu}, {@code iat},
 * {@code ath}. {@link #proof} returns a builder so that a test changes one thing.
 */
public final class TestDPoPProofs {

	private TestDPoPProofs() {
	}

	public static ECKey newKey() {
		try {
			return new ECKeyGenerator(Curve.P_256).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The {@code cnf} claim of a token bound to {@code key}. */
	public static Map<String, Object> confirmation(ECKey key) {
		try {
			return Map.of("jkt", key.computeThumbprint().toString());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** {@code ath}: base64url(SHA-256(access token)). */
	public static String ath(String accessToken) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static Proof proof(ECKey key, String method, String uri, String accessToken) {
		return new Proof(key, method, uri, accessToken);
	}

	/** A proof being built. */
	public static final class Proof {

		private final ECKey key;

		private final JWTClaimsSet.Builder claims;

		Proof(ECKey key, String method, String uri, String accessToken) {
			this.key = key;
			this.claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
				.claim("htm", method)
				.claim("htu", uri)
				.issueTime(new Date());
			if (accessToken != null) {
				this.claims.claim("ath", ath(accessToken));
			}
		}

		public Proof claim(String name, Object value) {
			this.claims.claim(name, value);
			return this;
		}

		public Proof issuedAt(Instant issuedAt) {
			this.claims.issueTime(Date.from(issuedAt));
			return this;
		}

		public String sign() {
			try {
				JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
					.jwk(this.key.toPublicJWK())
					.build();
				SignedJWT proof = new SignedJWT(header, this.claims.build());
				proof.sign(new ECDSASigner(this.key));
				return proof.serialize();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
