package io.keyfleet.auth.attestation.ear;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * EAT Attestation Results (draft-ietf-rats-ear, JSON serialisation) signed by a real
 * ES256 key, affirming by default; each setter changes one thing. Public for the
 * attestation benchmarks (src/jmh/java).
 */
public final class TestEars {

	static final String PROFILE = "tag:github.com,2023:veraison/ear";

	private final ECKey key;

	private final Instant issuedAt;

	private String typ = "JWT";

	private String issuer;

	private Instant expiresAt;

	private Object nonce;

	private Object ueid;

	private Object status;

	private final Map<String, Object> submods = new LinkedHashMap<>();

	private TestEars(ECKey key, Instant issuedAt, String nonce) {
		this.key = key;
		this.issuedAt = issuedAt;
		this.nonce = nonce;
	}

	/** An EAR with one affirming submod. */
	public static TestEars ear(ECKey key, Instant issuedAt, String nonce) {
		return new TestEars(key, issuedAt, nonce).submod("keyfleet-edge", "affirming");
	}

	public static ECKey newKey(String kid) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String jwks(ECKey... keys) {
		return new JWKSet(Arrays.stream(keys).map(k -> (JWK) k.toPublicJWK()).toList()).toString();
	}

	TestEars submod(String name, Object status) {
		this.submods.put(name, (status != null) ? Map.of("ear.status", status) : Map.of());
		return this;
	}

	TestEars noSubmods() {
		this.submods.clear();
		return this;
	}

	/** The top-level {@code ear.status}. */
	TestEars status(Object status) {
		this.status = status;
		return this;
	}

	TestEars issuer(String issuer) {
		this.issuer = issuer;
		return this;
	}

	TestEars expiresAt(Instant expiresAt) {
		this.expiresAt = expiresAt;
		return this;
	}

	TestEars nonce(Object nonce) {
		this.nonce = nonce;
		return this;
	}

	TestEars ueid(Object ueid) {
		this.ueid = ueid;
		return this;
	}

	TestEars typ(String typ) {
		this.typ = typ;
		return this;
	}

	public String sign() {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().claim("eat_profile", PROFILE)
			.issueTime(Date.from(this.issuedAt))
			.claim("ear.verifier-id", Map.of("build", "test-verifier 1.0", "developer", "https://verifier.example"))
			.claim("eat_nonce", this.nonce)
			.claim("ueid", this.ueid)
			.claim("ear.status", this.status)
			.issuer(this.issuer);
		if (!this.submods.isEmpty()) {
			claims.claim("submods", this.submods);
		}
		if (this.expiresAt != null) {
			claims.expirationTime(Date.from(this.expiresAt));
		}
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType(this.typ)).keyID(this.key.getKeyID()).build(),
					claims.build());
			jwt.sign(new ECDSASigner(this.key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
