package io.keyfleet.auth.registration;

import java.text.ParseException;

import com.nimbusds.jose.JWSObject;

/** The {@code kid} a {@code key_proof} names in its header, read before anything is verified. */
final class KeyProofHeader {

	private KeyProofHeader() {
	}

	static String kid(String proof) {
		try {
			String kid = JWSObject.parse(proof).getHeader().getKeyID();
			if (kid == null) {
				throw new InvalidClientMetadataException("key_proof_invalid", "a key_proof has no kid in its header");
			}
			return kid;
		}
		catch (ParseException ex) {
			throw new InvalidClientMetadataException("key_proof_invalid", "a key_proof is not a compact JWS");
		}
	}

}
