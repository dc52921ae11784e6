package io.keyfleet.sim.rotation;

import java.net.URI;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.keyfleet.sim.SimException;

/**
 * The {@code key_proof} a device sends with a key it adds to its registration (docs:
 * contract-as-built.md, "Client configuration endpoint"): a JWS signed by the new key,
 * {@code typ: kf-key-proof+jwt}, {@code kid} = the new key's, claims {@code iss} = the
 * client id, {@code aud} = the registration's configuration URI, {@code iat}, {@code jti}.
 */
final class KeyProof {

	static final JOSEObjectType TYPE = new JOSEObjectType("kf-key-proof+jwt");

	private KeyProof() {
	}

	static String sign(ECPrivateKey newKey, String kid, String clientId, URI configurationUri) {
		SignedJWT proof = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(TYPE).keyID(kid).build(),
				new JWTClaimsSet.Builder().issuer(clientId)
					.audience(configurationUri.toString())
					.issueTime(Date.from(Instant.now()))
					.jwtID(UUID.randomUUID().toString())
					.build());
		try {
			proof.sign(new ECDSASigner(newKey));
		}
		catch (JOSEException ex) {
			throw new SimException("cannot sign the key_proof: " + ex.getMessage(), ex);
		}
		return proof.serialize();
	}

}
