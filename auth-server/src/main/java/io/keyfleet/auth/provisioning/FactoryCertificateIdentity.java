package io.keyfleet.auth.provisioning;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import io.keyfleet.auth.client.ClientRegistrationValidator;

/**
 * The device id a factory certificate names (CONTRACT "Provisioning"): the value of a
 * SAN URI {@code urn:keyfleet:device:<id>} (RFC 5280 §4.2.1.6) when the certificate has
 * exactly one, else its subject's CN when it has exactly one. Which of several names is
 * meant would be a guess, so several mean none; so does an id the registry would refuse.
 */
public final class FactoryCertificateIdentity {

	static final String URN_PREFIX = "urn:keyfleet:device:";

	private static final Integer SAN_URI = 6;

	private FactoryCertificateIdentity() {
	}

	static Optional<String> deviceId(X509Certificate certificate) {
		Optional<String> id;
		List<String> urns = deviceUrns(certificate);
		if (urns.size() > 1) {
			return Optional.empty();
		}
		id = urns.isEmpty() ? commonName(certificate) : Optional.of(urns.get(0).substring(URN_PREFIX.length()));
		return id.filter(value -> ClientRegistrationValidator.ID.matcher(value).matches());
	}

	private static List<String> deviceUrns(X509Certificate certificate) {
		try {
			Collection<List<?>> names = certificate.getSubjectAlternativeNames();
			if (names == null) {
				return List.of();
			}
			return names.stream()
				.filter(name -> SAN_URI.equals(name.get(0)))
				.map(name -> String.valueOf(name.get(1)))
				.filter(uri -> uri.regionMatches(true, 0, URN_PREFIX, 0, URN_PREFIX.length()))
				.toList();
		}
		catch (CertificateParsingException ex) {
			// an unparseable SAN extension: the certificate names nobody
			return List.of("", "");
		}
	}

	/** The subject's CN when it has exactly one (with several, which one names the device would be a guess). */
	public static Optional<String> commonName(X509Certificate certificate) {
		RDN[] names = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
		if (names.length != 1 || names[0].isMultiValued()) {
			return Optional.empty();
		}
		return Optional.of(IETFUtils.valueToString(names[0].getFirst().getValue()));
	}

}
