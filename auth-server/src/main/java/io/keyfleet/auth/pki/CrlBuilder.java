package io.keyfleet.auth.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Builds the device CA's CRL (RFC 5280 §5): version 2, {@code thisUpdate} and
 * {@code nextUpdate} (§5.1.2.4–5), one entry per revoked certificate with its revocation
 * date and reason code (§5.3.1), and the CRL number (§5.2.3) and authority key identifier
 * (§5.2.1) extensions conforming CAs must include. Signed by the device CA.
 */
public final class CrlBuilder {

	private final DeviceCa ca;

	public CrlBuilder(DeviceCa ca) {
		this.ca = ca;
	}

	/** The DER CRL. */
	public byte[] build(List<CertificateRecord> revoked, long crlNumber, Instant thisUpdate, Instant nextUpdate) {
		X509v2CRLBuilder builder = new X509v2CRLBuilder(this.ca.name(), Date.from(thisUpdate));
		builder.setNextUpdate(Date.from(nextUpdate));
		for (CertificateRecord record : revoked) {
			// BouncyCastle leaves out the reasonCode extension for unspecified (0), as §5.3.1 asks
			builder.addCRLEntry(record.serial(), Date.from(record.revokedAt()), record.reason().code());
		}
		try {
			builder.addExtension(Extension.cRLNumber, false, new ASN1Integer(BigInteger.valueOf(crlNumber)));
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(this.ca.certificate()));
			return builder.build(this.ca.signer()).getEncoded();
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("cannot build the CRL", ex);
		}
	}

}
