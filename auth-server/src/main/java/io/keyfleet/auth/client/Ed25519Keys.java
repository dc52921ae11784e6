package io.keyfleet.auth.client;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;

import io.keyfleet.auth.keys.BouncyCastle;

/** Builds Ed25519 public keys from their raw 32-byte form (RFC 8037 {@code x}). */
final class Ed25519Keys {

	/** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4), before the 32 key bytes. */
	private static final byte[] SPKI_PREFIX = { 0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21,
			0x00 };

	private Ed25519Keys() {
	}

	static PublicKey fromRaw(byte[] x) {
		if (x.length != 32) {
			throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + x.length);
		}
		byte[] spki = new byte[SPKI_PREFIX.length + x.length];
		System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
		System.arraycopy(x, 0, spki, SPKI_PREFIX.length, x.length);
		try {
			return KeyFactory.getInstance("Ed25519", BouncyCastle.provider()).generatePublic(new X509EncodedKeySpec(spki));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("invalid Ed25519 public key", ex);
		}
	}

}
