package io.keyfleet.auth.attestation.eat;

import java.security.Key;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.keyfleet.auth.attestation.AttestationException;
import io.keyfleet.auth.attestation.AttestationException.Reason;
import io.keyfleet.auth.attestation.DeviceAttestation;
import io.keyfleet.auth.attestation.EvidenceClaims;
import io.keyfleet.auth.attestation.EvidenceVerifier;
import io.keyfleet.auth.attestation.NonceCheck;
import io.keyfleet.auth.attestation.VerifiedEvidence;
import io.keyfleet.auth.client.ClientJwks;
import io.keyfleet.auth.clientauth.TrustedCertificateAuthorities;
import io.keyfleet.auth.keys.FastJwsVerifierFactory;

/**
 * {@code eat}: an Entity Attestation Token (RFC 9711) as a compact JWS with
 * {@code typ: eat+jwt} (RFC 9782), signed either by the device's registered attestation
 * key ({@code eat_key}) or by a key whose {@code x5c} chain leads to a trusted
 * manufacturer CA. {@code eat_nonce} must be an issued challenge and {@code ueid} the
 * registered one. The claims appraised are read in RFC 9711's JSON encodings:
 * {@code swname}, {@code swversion} (array, version first), {@code dbgstat} (text or
 * integer 0–4), {@code secboot}, and Keyfleet's {@code kf_measurements}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9711">RFC 9711</a>
 */
public final class EatEvidenceVerifier implements EvidenceVerifier {

	public static final String FORMAT = "eat";

	private static final JOSEObjectType EAT_JWT = new JOSEObjectType("eat+jwt");

	private static final int MAX_NONCES = 4;

	private final TrustedCertificateAuthorities manufacturers;

	private final FastJwsVerifierFactory verifiers = new FastJwsVerifierFactory();

	public EatEvidenceVerifier(TrustedCertificateAuthorities manufacturers) {
		this.manufacturers = manufacturers;
	}

	@Override
	public String format() {
		return FORMAT;
	}

	@Override
	public VerifiedEvidence verify(String evidence, DeviceAttestation device, NonceCheck nonces) {
		SignedJWT jwt;
		JWTClaimsSet claims;
		try {
			jwt = SignedJWT.parse(evidence);
			claims = jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new AttestationException(Reason.MALFORMED, "eat: evidence is not a signed JWT");
		}
		JWSHeader header = jwt.getHeader();
		if (!EAT_JWT.equals(header.getType())) {
			throw new AttestationException(Reason.MALFORMED, "eat: the JWS typ must be eat+jwt");
		}
		if (!verifies(jwt, signingKeys(header, device))) {
			throw new AttestationException(Reason.SIGNATURE_INVALID, "eat: the signature does not verify");
		}
		if (device.ueid() == null || !device.ueid().equals(stringClaim(claims, "ueid"))) {
			throw new AttestationException(Reason.IDENTITY_MISMATCH, "eat: ueid is not the registered one");
		}
		if (nonces(claims).stream().noneMatch(nonces::accept)) {
			throw new AttestationException(Reason.NONCE_UNKNOWN, "eat: eat_nonce is not an issued challenge");
		}
		return new VerifiedEvidence(FORMAT, new EvidenceClaims(stringClaim(claims, "swname"), swversion(claims),
				debugEnabled(claims.getClaim("dbgstat")), booleanClaim(claims, "secboot"), measurements(claims), Map.of(),
				null));
	}

	private List<Key> signingKeys(JWSHeader header, DeviceAttestation device) {
		if (header.getX509CertChain() != null && !header.getX509CertChain().isEmpty()) {
			X509Certificate[] chain = header.getX509CertChain()
				.stream()
				.map(encoded -> X509CertUtils.parse(encoded.decode()))
				.toArray(X509Certificate[]::new);
			for (X509Certificate certificate : chain) {
				if (certificate == null) {
					throw new AttestationException(Reason.MALFORMED, "eat: unreadable x5c certificate");
				}
			}
			if (!this.manufacturers.trusts(chain)) {
				throw new AttestationException(Reason.SIGNATURE_INVALID, "eat: x5c does not chain to a trusted manufacturer CA");
			}
			return List.of(chain[0].getPublicKey());
		}
		if (device.eatKey() == null) {
			throw new AttestationException(Reason.NOT_REGISTERED, "eat: the device has no registered eat_key");
		}
		try {
			return ClientJwks.parse(Map.of("keys", List.of(device.eatKey())))
				.keys()
				.stream()
				.filter(k -> k.algorithms().contains(header.getAlgorithm()))
				.map(k -> (Key) k.publicKey())
				.toList();
		}
		catch (IllegalArgumentException ex) {
			throw new AttestationException(Reason.NOT_REGISTERED, "eat: the registered eat_key is unusable");
		}
	}

	private boolean verifies(SignedJWT jwt, List<Key> keys) {
		for (Key key : keys) {
			try {
				JWSVerifier verifier = this.verifiers.createJWSVerifier(jwt.getHeader(), key);
				if (jwt.verify(verifier)) {
					return true;
				}
			}
			catch (JOSEException ex) {
				// not a key for this alg: try the next
			}
		}
		return false;
	}

	/** RFC 9711 §4.1: a nonce, or an array of them. */
	private static List<String> nonces(JWTClaimsSet claims) {
		Object nonce = claims.getClaim("eat_nonce");
		List<String> nonces = new ArrayList<>();
		if (nonce instanceof String single) {
			nonces.add(single);
		}
		else if (nonce instanceof List<?> several) {
			// each candidate costs a Redis round trip: a device has no reason to send many
			if (several.size() > MAX_NONCES) {
				throw new AttestationException(Reason.MALFORMED, "eat: more than " + MAX_NONCES + " eat_nonce values");
			}
			several.forEach(n -> nonces.add(String.valueOf(n)));
		}
		return nonces;
	}

	/** RFC 9711 §4.2.6: {@code [version, version-scheme?]}; a bare string is tolerated. */
	private static String swversion(JWTClaimsSet claims) {
		Object value = claims.getClaim("swversion");
		if (value instanceof List<?> list && !list.isEmpty()) {
			return String.valueOf(list.get(0));
		}
		return (value instanceof String text) ? text : null;
	}

	/** RFC 9711 §4.2.9: {@code enabled} (0) is the only state with debug on. */
	static Boolean debugEnabled(Object dbgstat) {
		if (dbgstat instanceof String text) {
			return switch (text) {
				case "enabled" -> true;
				case "disabled", "disabled-since-boot", "disabled-permanently", "disabled-fully-and-permanently" -> false;
				default -> throw new AttestationException(Reason.MALFORMED, "eat: unknown dbgstat '" + text + "'");
			};
		}
		if (dbgstat instanceof Number code) {
			int value = code.intValue();
			if (value < 0 || value > 4 || code.doubleValue() != value) {
				throw new AttestationException(Reason.MALFORMED, "eat: dbgstat must be 0 to 4");
			}
			return value == 0;
		}
		return null;
	}

	private static Map<String, String> measurements(JWTClaimsSet claims) {
		Map<String, String> measurements = new LinkedHashMap<>();
		if (claims.getClaim("kf_measurements") instanceof List<?> list) {
			for (Object entry : list) {
				if (entry instanceof Map<?, ?> measurement && measurement.get("component") instanceof String component
						&& measurement.get("digest") instanceof String digest) {
					measurements.put(component, digest);
				}
				else {
					throw new AttestationException(Reason.MALFORMED, "eat: kf_measurements entries need component and digest");
				}
			}
		}
		return measurements;
	}

	private static String stringClaim(JWTClaimsSet claims, String name) {
		return (claims.getClaim(name) instanceof String value) ? value : null;
	}

	private static Boolean booleanClaim(JWTClaimsSet claims, String name) {
		return (claims.getClaim(name) instanceof Boolean value) ? value : null;
	}

}
