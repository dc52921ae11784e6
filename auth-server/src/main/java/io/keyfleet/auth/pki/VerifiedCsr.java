package io.keyfleet.auth.pki;

import java.security.PublicKey;

/**
 * A PKCS#10 request that passed {@link CsrCheck}: its signature verified under its own
 * key (proof of possession, RFC 2986 §4.2; RFC 7030 §3.4) and the key is one Keyfleet
 * certifies. Only {@link CsrCheck} makes one, so whoever holds it need not check again.
 */
public final class VerifiedCsr {

	private final PublicKey publicKey;

	VerifiedCsr(PublicKey publicKey) {
		this.publicKey = publicKey;
	}

	/** The key to certify. */
	public PublicKey publicKey() {
		return this.publicKey;
	}

}
