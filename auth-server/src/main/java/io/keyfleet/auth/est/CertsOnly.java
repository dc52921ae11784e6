package io.keyfleet.auth.est;

import java.io.ByteArrayOutputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The "certs-only" CMS message of RFC 7030 §4.1.3 and §4.2.3 (RFC 5751 §3.8): a
 * SignedData with no signers and no content, whose only use is to carry certificates,
 * base64-encoded as EST's {@code Content-Transfer-Encoding: base64} requires.
 *
 * <p>
 * Written as DER around each certificate's own encoding: the structure is fixed, and
 * building it through a CMS library re-parses every certificate, which cost a sixth of
 * an enrollment's CPU. {@code CertsOnlyTests} reads the result back with BouncyCastle's
 * CMS parser, the EST tests with {@code openssl pkcs7}.
 *
 * <pre>
 * ContentInfo ::= SEQUENCE { contentType id-signedData, content [0] EXPLICIT SignedData }
 * SignedData ::= SEQUENCE { version 1, digestAlgorithms SET {}, encapContentInfo
 *     SEQUENCE { id-data }, certificates [0] IMPLICIT SET OF Certificate, signerInfos SET {} }
 * </pre>
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5652#section-5.1">RFC 5652 §5.1 SignedData</a>
 */
final class CertsOnly {

	/** OID 1.2.840.113549.1.7.2, id-signedData. */
	private static final byte[] SIGNED_DATA = { 0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D,
			0x01, 0x07, 0x02 };

	/** version 1, no digest algorithms, encapContentInfo { id-data } without content. */
	private static final byte[] HEAD = { 0x02, 0x01, 0x01, 0x31, 0x00, 0x30, 0x0B, 0x06, 0x09, 0x2A, (byte) 0x86, 0x48,
			(byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x07, 0x01 };

	/** No signerInfos. */
	private static final byte[] TAIL = { 0x31, 0x00 };

	private CertsOnly() {
	}

	/** Base64 (MIME, 76-character lines) of the DER certs-only message. */
	static String encode(List<X509Certificate> certificates) {
		List<byte[]> encoded = new ArrayList<>();
		try {
			for (X509Certificate certificate : certificates) {
				encoded.add(certificate.getEncoded());
			}
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException("cannot encode a certs-only message", ex);
		}
		return encodeDer(encoded);
	}

	/** Base64 (MIME, 76-character lines) of the certs-only message of these DER certificates. */
	static String encodeDer(List<byte[]> certificates) {
		return Base64.getMimeEncoder().encodeToString(der(certificates)) + "\r\n";
	}

	static byte[] der(List<byte[]> certificates) {
		ByteArrayOutputStream certs = new ByteArrayOutputStream();
		for (byte[] certificate : certificates) {
			certs.writeBytes(certificate);
		}
		byte[] signedData = tlv(0x30, HEAD, tlv(0xA0, certs.toByteArray()), TAIL);
		return tlv(0x30, SIGNED_DATA, tlv(0xA0, signedData));
	}

	/** One DER element: tag, definite length (X.690 §8.1.3), the parts as its content. */
	private static byte[] tlv(int tag, byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
		out.write(tag);
		if (length < 0x80) {
			out.write(length);
		}
		else {
			int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
			out.write(0x80 | bytes);
			for (int i = bytes - 1; i >= 0; i--) {
				out.write(length >>> (8 * i));
			}
		}
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
