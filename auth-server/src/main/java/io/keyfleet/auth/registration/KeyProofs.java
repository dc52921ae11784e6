package io.keyfleet.auth.registration;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.keyfleet.auth.client.ClientJwks;
import io.keyfleet.auth.keys.FastJwsVerifierFactory;

/**
 * Proof that a device holds a private key: of each key it adds to its registration (so it
 * cannot register a key it cannot use and lock itself out), and of one key registered
 * before the change (so a stolen access token alone cannot register an attacker's key). A {@code key_proof} is a compact JWS
 * signed by the new key, header {@code typ: kf-key-proof+jwt} and {@code kid} = the new
 * key's, claims {@code iss} = the client id, {@code aud} = the registration's
 * {@code registration_client_uri}, {@code iat} (at most {@link #MAX_AGE} old, not in the
 * future beyond the clock skew) and a {@code jti}. Like an RFC 7523 client assertion, with
 * a type of its own so neither can stand in for the other.
 *
 * <p>
 * The {@code jti} is not remembered: a proof is bound to one device and one key and lives
 * five minutes, and replaying it also takes that device's access token; what it could
 * then do is re-add a key the device itself proved it held.
 */
final class KeyProofs {

	static final JOSEObjectType TYPE = new JOSEObjectType("kf-key-proof+jwt");

	static final Duration MAX_AGE = Duration.ofMinutes(5);

	private final FastJwsVerifierFactory verifiers = new FastJwsVerifierFactory();

	private final Clock clock;

	private final Duration clockSkew;

	KeyProofs(Clock clock, Duration clockSkew) {
		this.clock = clock;
		this.clockSkew = clockSkew;
	}

	/**
	 * @param proof the compact JWS
	 * @param key the public key it must be signed by
	 * @throws InvalidClientMetadataException naming what is wrong
	 */
	void verify(String proof, JWK key, String clientId, String audience) {
		String kid = key.getKeyID();
		try {
			SignedJWT jwt = SignedJWT.parse(proof);
			if (!TYPE.equals(jwt.getHeader().getType())) {
				throw invalid(kid, "its typ must be " + TYPE);
			}
			ClientJwks.ClientKey clientKey = ClientJwks.parse(Map.of("keys", List.of(key.toJSONObject())))
				.keys()
				.get(0);
			if (!clientKey.algorithms().contains(jwt.getHeader().getAlgorithm())) {
				throw invalid(kid, "its alg does not fit the key");
			}
			JWSVerifier verifier = this.verifiers.createJWSVerifier(jwt.getHeader(), clientKey.publicKey());
			if (!jwt.verify(verifier)) {
				throw invalid(kid, "its signature is not by the key");
			}
			checkClaims(jwt.getJWTClaimsSet(), kid, clientId, audience);
		}
		catch (ParseException ex) {
			throw invalid(kid, "it is not a signed JWT");
		}
		catch (JOSEException | IllegalArgumentException ex) {
			throw invalid(kid, "it cannot be verified with the key");
		}
	}

	private void checkClaims(JWTClaimsSet claims, String kid, String clientId, String audience) {
		if (!clientId.equals(claims.getIssuer())) {
			throw invalid(kid, "its iss must be the client_id");
		}
		if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
			throw invalid(kid, "its aud must be the registration_client_uri");
		}
		if (claims.getJWTID() == null || claims.getJWTID().isBlank()) {
			throw invalid(kid, "it has no jti");
		}
		Instant now = this.clock.instant();
		Instant issuedAt = (claims.getIssueTime() != null) ? claims.getIssueTime().toInstant() : null;
		if (issuedAt == null || issuedAt.isAfter(now.plus(this.clockSkew)) || issuedAt.isBefore(now.minus(MAX_AGE))) {
			throw invalid(kid, "its iat must be within the last " + MAX_AGE.toMinutes() + " minutes");
		}
	}

	private static InvalidClientMetadataException invalid(String kid, String why) {
		return new InvalidClientMetadataException("key_proof_invalid", "the key_proof of key " + kid + " is refused: " + why);
	}

}
