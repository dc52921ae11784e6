package io.keyfleet.sim.attest;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Universal Entity IDs for simulated devices: type RAND (0x01) followed by 32 random bytes,
 * base64url without padding as the JSON encoding of an EAT carries it. Random UEIDs need
 * no registry, and 256 bits make collisions across any fleet impossible in practice.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9711#section-4.2.1">RFC 9711 Section 4.2.1</a>
 */
public final class Ueid {

	/** RFC 9711 Section 4.2.1: the type byte of a random (RAND) UEID. */
	static final byte TYPE_RAND = 0x01;

	private static final SecureRandom RANDOM = new SecureRandom();

	private Ueid() {
	}

	/**
	 * @return a new random UEID, base64url (33 bytes: 0x01 and 32 random bytes)
	 */
	public static String random() {
		byte[] ueid = new byte[33];
		RANDOM.nextBytes(ueid);
		ueid[0] = TYPE_RAND;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(ueid);
	}

}
