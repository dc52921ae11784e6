package io.keyfleet.sim.est;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.keyfleet.sim.BouncyCastle;
import io.keyfleet.sim.SimException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;

/**
 * Reads the "certs-only" message of EST answers (RFC 7030 Sections 4.1.3 and 4.2.3): a CMS
 * SignedData (RFC 5652 Section 5) with no content and no signers whose
 * {@code certificates} carry the issued certificate (or the CA certificates),
 * base64-encoded ({@code Content-Transfer-Encoding: base64}).
 */
public final class CertsOnlyMessage {

	private CertsOnlyMessage() {
	}

	/**
	 * @param base64 the answer's body (line breaks allowed)
	 * @return its certificates, in message order
	 * @throws SimException when the body is not base64 or not such a message
	 */
	public static List<X509Certificate> certificates(String base64) {
		byte[] der;
		try {
			der = Base64.getMimeDecoder().decode((base64 != null) ? base64.trim() : "");
		}
		catch (IllegalArgumentException ex) {
			throw new SimException("the EST answer is not base64: " + ex.getMessage(), ex);
		}
		try {
			CMSSignedData message = new CMSSignedData(der);
			List<X509Certificate> certificates = new ArrayList<>();
			JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(BouncyCastle.PROVIDER);
			for (X509CertificateHolder holder : message.getCertificates().getMatches(null)) {
				certificates.add(converter.getCertificate(holder));
			}
			return certificates;
		}
		catch (CMSException | CertificateException | RuntimeException ex) {
			throw new SimException("the EST answer is not a PKCS#7 certs-only message: " + ex.getMessage(), ex);
		}
	}

}
