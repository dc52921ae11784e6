package io.keyfleet.auth.est;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Optional;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import io.keyfleet.auth.client.ClientRecord;
import io.keyfleet.auth.client.ClientRegistry;
import io.keyfleet.auth.clientauth.TrustedCertificateAuthorities;
import io.keyfleet.auth.pki.DeviceCa;

/**
 * Maps a factory certificate — the one a manufacturer put on the device — to the
 * registered device it names, for EST {@code simpleenroll} (RFC 7030 §3.3.2, certificate
 * TLS authentication). The chain must lead to a CA of {@code keyfleet.mtls.trusted-ca-files}
 * and the certificate must be valid now. The mapping is the simplest one a manufacturer
 * can follow: the subject's CN is the device id, which must be registered. Certificates
 * of Keyfleet's own device CA are not factory certificates: a device renews those with
 * {@code simplereenroll} ({@link OperationalCertificates}).
 */
final class FactoryCertificates {

	private final TrustedCertificateAuthorities authorities;

	private final DeviceCa deviceCa;

	private final ClientRegistry registry;

	FactoryCertificates(TrustedCertificateAuthorities authorities, DeviceCa deviceCa, ClientRegistry registry) {
		this.authorities = authorities;
		this.deviceCa = deviceCa;
		this.registry = registry;
	}

	/** The registered device the chain (leaf first) authenticates, or empty. */
	Optional<ClientRecord> deviceOf(X509Certificate[] chain) {
		if (chain == null || chain.length == 0 || OperationalCertificates.issuedBy(chain[0], this.deviceCa)
				|| !this.authorities.trusts(chain)) {
			return Optional.empty();
		}
		X509Certificate leaf = chain[0];
		try {
			leaf.checkValidity(new Date());
		}
		catch (GeneralSecurityException ex) {
			return Optional.empty();
		}
		return commonName(leaf).flatMap(this.registry::find).filter(ClientRecord::isDevice);
	}

	private static Optional<String> commonName(X509Certificate certificate) {
		RDN[] names = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
		// exactly one CN: with several, which one names the device would be a guess
		if (names.length != 1 || names[0].isMultiValued()) {
			return Optional.empty();
		}
		return Optional.of(IETFUtils.valueToString(names[0].getFirst().getValue()));
	}

}
