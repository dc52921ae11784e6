package io.keyfleet.auth.support;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Hand-made RFC 7523 client assertions, good and bad, for the cases a well-behaved client
 * library never produces (expired, replayed, {@code alg: none}, algorithm confusion...).
 */
public final class ClientAssertions {

	private String subject;

	private String issuer;

	private List<String> audience;

	private Instant issuedAt = Instant.now();

	private Instant expiresAt = Instant.now().plus(Duration.ofSeconds(60));

	private Instant notBefore;

	private String jti = UUID.randomUUID().toString();

	private ClientAssertions(String clientId, String audience) {
		this.subject = clientId;
		this.issuer = clientId;
		this.audience = List.of(audience);
	}

	public static ClientAssertions forClient(String clientId, String audience) {
		return new ClientAssertions(clientId, audience);
	}

	public ClientAssertions issuer(String issuer) {
		this.issuer = issuer;
		return this;
	}

	public ClientAssertions audience(String audience) {
		this.audience = List.of(audience);
		return this;
	}

	public ClientAssertions expiresAt(Instant expiresAt) {
		this.expiresAt = expiresAt;
		return this;
	}

	public ClientAssertions issuedAt(Instant issuedAt) {
		this.issuedAt = issuedAt;
		return this;
	}

	public ClientAssertions notBefore(Instant notBefore) {
		this.notBefore = notBefore;
		return this;
	}

	public ClientAssertions jti(String jti) {
		this.jti = jti;
		return this;
	}

	public JWTClaimsSet claims() {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(this.subject)
			.issuer(this.issuer)
			.audience(this.audience)
			.issueTime((this.issuedAt != null) ? Date.from(this.issuedAt) : null)
			.expirationTime((this.expiresAt != null) ? Date.from(this.expiresAt) : null)
			.jwtID(this.jti);
		if (this.notBefore != null) {
			claims.notBeforeTime(Date.from(this.notBefore));
		}
		return claims.build();
	}

	public String signed(JWK key) {
		try {
			if (key instanceof OctetKeyPair okp) {
				return eddsa(okp);
			}
			JWSAlgorithm alg;
			JWSSigner signer;
			if (key instanceof ECKey ec) {
				alg = JWSAlgorithm.ES256;
				signer = new ECDSASigner(ec);
			}
			else if (key instanceof RSAKey rsa) {
				alg = JWSAlgorithm.RS256;
				signer = new RSASSASigner(rsa);
			}
			else {
				throw new IllegalArgumentException("unsupported key " + key.getKeyType());
			}
			return sign(new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String signedPs256(RSAKey key) {
		try {
			return sign(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID(key.getKeyID()).build(), new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** HS256 with an HMAC key given as text (client_secret_jwt, or algorithm confusion). */
	public String hs256(String secret) {
		try {
			return sign(new JWSHeader(JWSAlgorithm.HS256), new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An unsecured JWT ({@code alg: none}, RFC 7519 §6). */
	public String unsecured() {
		String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
		return header + "." + b64(claims().toString().getBytes(StandardCharsets.UTF_8)) + ".";
	}

	private String sign(JWSHeader header, JWSSigner signer) throws JOSEException {
		SignedJWT jwt = new SignedJWT(header, claims());
		jwt.sign(signer);
		return jwt.serialize();
	}

	/** EdDSA by hand with the JDK (Nimbus' Ed25519 signer needs Google Tink). */
	private String eddsa(OctetKeyPair key) {
		return signedWithHeader(key,
				b64(("{\"alg\":\"EdDSA\",\"kid\":\"" + key.getKeyID() + "\"}").getBytes(StandardCharsets.UTF_8)));
	}

	/** An Ed25519 signature under a given (encoded) header. */
	public String signedWithHeader(OctetKeyPair key, String header) {
		try {
			byte[] prefix = HexFormat.of().parseHex("302e020100300506032b657004220420");
			byte[] raw = key.getD().decode();
			byte[] pkcs8 = new byte[prefix.length + raw.length];
			System.arraycopy(prefix, 0, pkcs8, 0, prefix.length);
			System.arraycopy(raw, 0, pkcs8, prefix.length, raw.length);
			PrivateKey privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
			String input = header + "." + b64(claims().toString().getBytes(StandardCharsets.UTF_8));
			Signature signature = Signature.getInstance("Ed25519");
			signature.initSign(privateKey);
			signature.update(input.getBytes(StandardCharsets.US_ASCII));
			return input + "." + b64(signature.sign());
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String b64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
