package io.keyfleet.auth.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets that must be stored recoverably — the HMAC keys of
 * {@code client_secret_jwt} clients — with AES-256-GCM. The client id is bound as
 * additional authenticated data, so a ciphertext copied onto another client does not
 * decrypt. Format: {@code v1.<kek id>.<base64url(iv || ciphertext+tag)>}.
 */
public final class KeyEncryptionKey {

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKey key;

	private final String id;

	private final SecureRandom random = new SecureRandom();

	public KeyEncryptionKey(byte[] keyBytes) {
		if (keyBytes.length != 32) {
			throw new IllegalArgumentException("the key-encryption key must be 256 bits (32 bytes)");
		}
		this.key = new SecretKeySpec(keyBytes, "AES");
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBytes);
			this.id = HexFormat.of().formatHex(digest, 0, 4);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Parses the base64 text of a key file. */
	public static KeyEncryptionKey fromBase64(String text) {
		return new KeyEncryptionKey(Base64.getDecoder().decode(text.trim()));
	}

	/** A new random key as base64 text, for dev mode. */
	public static String generateBase64() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

	public String encrypt(String plaintext, String boundTo) {
		try {
			byte[] iv = new byte[IV_BYTES];
			this.random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			ByteBuffer out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed);
			return "v1." + this.id + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("secret encryption failed", ex);
		}
	}

	public String decrypt(String ciphertext, String boundTo) {
		String[] parts = ciphertext.split("\\.");
		if (parts.length != 3 || !"v1".equals(parts[0])) {
			throw new IllegalArgumentException("unknown secret ciphertext format");
		}
		if (!this.id.equals(parts[1])) {
			throw new IllegalArgumentException("secret was encrypted under another key-encryption key (" + parts[1] + ")");
		}
		try {
			byte[] sealed = Base64.getUrlDecoder().decode(parts[2]);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
			cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
			byte[] plain = cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
			return new String(plain, StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("secret ciphertext does not decrypt", ex);
		}
	}

	/**
	 * A key for another purpose, derived from this one (HMAC-SHA256 of the purpose), so
	 * that every node holding the key-encryption key derives the same key.
	 */
	public byte[] derive(String purpose) {
		try {
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key.getEncoded(), "HmacSHA256"));
			return mac.doFinal(("keyfleet " + purpose).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String id() {
		return this.id;
	}

}
