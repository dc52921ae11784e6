package io.keyfleet.auth.provisioning;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a presented chain (leaf first) is a factory certificate of an
 * enrollment group: the groups whose CA is named as an issuer in the chain are tried, each
 * with its CA as the only trust anchor, by the JDK's PKIX validator (RFC 5280 §6:
 * signatures, validity periods at this server's clock, basic constraints, path length).
 * Then, when the group has a CRL, no certificate the CA signed in that path may be on it
 * (§6.3) — and when the CRL cannot be had the chain is refused (fail closed). The CN (or
 * device URN) is read only from a chain that passed.
 */
public final class FactoryCertificateVerifier {

	private static final Logger log = LoggerFactory.getLogger(FactoryCertificateVerifier.class);

	private final EnrollmentGroupStore groups;

	private final ManufacturerCrls crls;

	private final Clock clock;

	/** Parsed CA certificates by their PEM: parsing is the only costly part of a lookup. */
	private final Cache<String, X509Certificate> cas = Caffeine.newBuilder().maximumSize(1000).build();

	FactoryCertificateVerifier(EnrollmentGroupStore groups, ManufacturerCrls crls, Clock clock) {
		this.groups = groups;
		this.crls = crls;
		this.clock = clock;
	}

	/** The group and device id of a valid factory certificate, or empty. */
	public Optional<FactoryCertificate> verify(X509Certificate[] chain) {
		if (chain == null || chain.length == 0) {
			return Optional.empty();
		}
		for (EnrollmentGroup group : candidates(chain)) {
			X509Certificate ca = this.cas.get(group.manufacturerCa(), pem -> EnrollmentGroupStore.certificate(group));
			if (chain[0].equals(ca) || !validates(chain, ca) || revoked(chain, ca, group)) {
				continue;
			}
			return FactoryCertificateIdentity.deviceId(chain[0]).map(id -> new FactoryCertificate(group, id));
		}
		return Optional.empty();
	}

	private List<EnrollmentGroup> candidates(X509Certificate[] chain) {
		Map<String, EnrollmentGroup> byId = new LinkedHashMap<>();
		Arrays.stream(chain)
			.map(X509Certificate::getIssuerX500Principal)
			.distinct()
			.forEach(issuer -> this.groups.issuing(issuer).forEach(g -> byId.putIfAbsent(g.id(), g)));
		return List.copyOf(byId.values());
	}

	private boolean validates(X509Certificate[] chain, X509Certificate ca) {
		List<X509Certificate> path = new ArrayList<>(Arrays.asList(chain));
		path.removeIf(ca::equals);
		try {
			PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
			parameters.setRevocationEnabled(false);
			parameters.setDate(Date.from(this.clock.instant()));
			CertPathValidator.getInstance("PKIX")
				.validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
			return true;
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

	/** Whether a certificate the CA signed in the chain is on its CRL; true when the CRL is unavailable. */
	private boolean revoked(X509Certificate[] chain, X509Certificate ca, EnrollmentGroup group) {
		if (group.crl() == null) {
			return false;
		}
		X509CRL crl;
		try {
			crl = this.crls.current(group.crl(), ca);
		}
		catch (CrlUnavailableException ex) {
			log.warn("Refusing factory certificates of enrollment group {}: {}", group.id(), ex.getMessage());
			return true;
		}
		return Arrays.stream(chain)
			.filter(c -> c.getIssuerX500Principal().equals(ca.getSubjectX500Principal()))
			.anyMatch(crl::isRevoked);
	}

}
