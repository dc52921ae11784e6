package io.keyfleet.auth.est;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;

/**
 * The "certs-only" CMS message of RFC 7030 §4.1.3 and §4.2.3 (RFC 5751 §3.8): a
 * SignedData with no signers and no content, whose only use is to carry certificates,
 * base64-encoded as EST's {@code Content-Transfer-Encoding: base64} requires.
 */
final class CertsOnly {

	private CertsOnly() {
	}

	/** Base64 (MIME, 76-character lines) of the DER certs-only message. */
	static String encode(List<X509Certificate> certificates) {
		try {
			CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
			generator.addCertificates(new JcaCertStore(certificates));
			byte[] der = generator.generate(new CMSProcessableByteArray(new byte[0]), false).getEncoded();
			return Base64.getMimeEncoder().encodeToString(der) + "\r\n";
		}
		catch (CertificateEncodingException | CMSException | IOException ex) {
			throw new IllegalStateException("cannot encode a certs-only message", ex);
		}
	}

}
