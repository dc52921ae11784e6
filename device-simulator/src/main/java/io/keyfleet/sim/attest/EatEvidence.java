package io.keyfleet.sim.attest;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.keyfleet.sim.EcdsaProvider;
import io.keyfleet.sim.SimException;

/**
 * Makes a device's evidence: an Entity Attestation Token as a compact JWS, header
 * {@code typ: eat+jwt} (RFC 9782), ES256, {@code kid} of the registered attestation key,
 * with the claims in RFC 9711's JSON encodings: {@code eat_nonce} (Section 4.1, the
 * server's challenge, which makes the evidence fresh per RFC 9334 Section 10), {@code ueid}
 * (4.2.1), {@code hwmodel} (4.2.4, base64url of the model name), {@code swname} (4.2.6),
 * {@code swversion} as {@code [version]} (4.2.7), {@code dbgstat} as text (4.2.9),
 * {@code iat} (4.3.1), and the contract's {@code secboot} (not an RFC 9711 claim: the
 * registered one closest to it is {@code oemboot}, 4.2.8) and {@code kf_measurements}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9711">RFC 9711</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9334#section-3">RFC 9334 Section 3 (the Attester)</a>
 */
public final class EatEvidence {

	/** RFC 9782: the media type of an EAT in JWT form, as the JWS {@code typ}. */
	public static final JOSEObjectType EAT_JWT = new JOSEObjectType("eat+jwt");

	private final JWSHeader header;

	private final ECDSASigner signer;

	private final EatProfile profile;

	/**
	 * @param key the key that signs, normally the device's own attestation key
	 * @param profile the state the evidence reports
	 */
	public EatEvidence(AttestationKey key, EatProfile profile) {
		this.header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(EAT_JWT).keyID(key.keyId()).build();
		this.profile = profile;
		try {
			// the fastest ES256 provider: load runs sign one EAT per attested request
			this.signer = new ECDSASigner((ECPrivateKey) EcdsaProvider.convert(key.privateKey()));
			this.signer.getJCAContext().setProvider(EcdsaProvider.PROVIDER);
		}
		catch (JOSEException ex) {
			throw new SimException("cannot sign evidence with " + key + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * @param nonce the challenge ({@code attestation_challenge}) the evidence answers
	 * @param issuedAt now
	 * @return the compact JWS
	 */
	public String sign(String nonce, Instant issuedAt) {
		SignedJWT jwt = new SignedJWT(this.header, claims(nonce, issuedAt));
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new SimException("cannot sign evidence: " + ex.getMessage(), ex);
		}
		return jwt.serialize();
	}

	/**
	 * @param nonce the challenge the evidence answers
	 * @param issuedAt now
	 * @return the EAT's claims
	 */
	public JWTClaimsSet claims(String nonce, Instant issuedAt) {
		List<Map<String, Object>> measurements = new ArrayList<>();
		this.profile.measurements().forEach((component, digest) -> {
			Map<String, Object> measurement = new LinkedHashMap<>();
			measurement.put("component", component);
			measurement.put("digest", digest);
			measurements.add(measurement);
		});
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().claim("eat_nonce", nonce)
			.claim("ueid", this.profile.ueid())
			.claim("swversion", List.of(this.profile.swversion()))
			.claim("dbgstat", this.profile.dbgstat())
			.claim("secboot", this.profile.secboot())
			.issueTime(Date.from(issuedAt))
			.claim("kf_measurements", measurements);
		if (this.profile.hwmodel() != null) {
			claims.claim("hwmodel", Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(this.profile.hwmodel().getBytes(StandardCharsets.UTF_8)));
		}
		if (this.profile.swname() != null) {
			claims.claim("swname", this.profile.swname());
		}
		return claims.build();
	}

}
