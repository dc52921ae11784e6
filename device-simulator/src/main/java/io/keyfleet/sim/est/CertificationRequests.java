package io.keyfleet.sim.est;

import java.io.IOException;
import java.security.KeyPair;
import java.security.Provider;
import java.util.Base64;

import io.keyfleet.sim.SimException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * PKCS#10 certification requests (RFC 2986) as EST sends them: the subject and the public
 * key, signed with the key itself (the proof of possession of RFC 2986 Section 3 and RFC
 * 7030 Section 3.4), SHA256withECDSA for P-256 keys, DER, then base64 for the body of
 * {@code simpleenroll} and {@code simplereenroll} (RFC 7030 Section 4.2.1).
 */
public final class CertificationRequests {

	private CertificationRequests() {
	}

	/**
	 * @param keyPair the EC key pair the certificate is for
	 * @param commonName the subject's CN; the server may ignore it (Keyfleet issues
	 * {@code CN=<device id>} whatever the request says)
	 * @return the DER request
	 */
	public static byte[] create(KeyPair keyPair, String commonName) {
		return create(keyPair, commonName, null);
	}

	/**
	 * @param keyPair the EC key pair the certificate is for (key objects of {@code provider})
	 * @param commonName the subject's CN
	 * @param provider the JCA provider to sign with, or {@code null} for the JDK's default
	 * @return the DER request
	 */
	public static byte[] create(KeyPair keyPair, String commonName, Provider provider) {
		X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
		JcaContentSignerBuilder signer = new JcaContentSignerBuilder("SHA256withECDSA");
		if (provider != null) {
			signer.setProvider(provider);
		}
		try {
			return new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic())
				.build(signer.build(keyPair.getPrivate()))
				.getEncoded();
		}
		catch (OperatorCreationException | IOException ex) {
			throw new SimException("cannot make a certification request: " + ex.getMessage(), ex);
		}
	}

	/**
	 * @param der a DER request
	 * @return its base64 (RFC 2045 Section 6.8, 76-character lines), EST's
	 * {@code Content-Transfer-Encoding: base64} (RFC 7030 Section 4.2.1)
	 */
	public static String base64(byte[] der) {
		return Base64.getMimeEncoder().encodeToString(der) + "\r\n";
	}

}
