package io.keyfleet.auth.provisioning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Base64;

import javax.security.auth.x500.X500Principal;

/**
 * The two keys under which an enrollment group's CA is indexed: its key (base64url
 * SHA-256 of the SubjectPublicKeyInfo — a re-issued CA certificate with the same key is
 * the same CA) and its name (SHA-256 of the DER subject, which every certificate it
 * signed carries as issuer, RFC 5280 §4.1.2.4), so the group of a presented chain is
 * found without trying every group.
 */
final class CaFingerprints {

	private CaFingerprints() {
	}

	static String of(X509Certificate ca) {
		return sha256(ca.getPublicKey().getEncoded());
	}

	/**
	 * The canonical form (RFC 5280 §7.1 name comparison, as {@link X500Principal#CANONICAL}
	 * implements it), so an issuer name encoded as PrintableString matches the CA's
	 * UTF8String subject.
	 */
	static String name(X500Principal name) {
		return sha256(name.getName(X500Principal.CANONICAL).getBytes(StandardCharsets.UTF_8));
	}

	private static String sha256(byte[] bytes) {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
