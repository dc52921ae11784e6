package io.keyfleet.auth.est;

import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.Supplier;

import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.client.ClientConflictException;
import io.keyfleet.auth.client.ClientNotFoundException;
import io.keyfleet.auth.client.ClientRecord;
import io.keyfleet.auth.client.ClientRegistry;
import io.keyfleet.auth.client.ClientStatus;
import io.keyfleet.auth.pki.CertificateIssuer;
import io.keyfleet.auth.pki.CsrCheck;
import io.keyfleet.auth.pki.InvalidCsrException;
import io.keyfleet.auth.pki.IssuedCertificate;
import io.keyfleet.auth.pki.VerifiedCsr;

/**
 * Who may have a certificate issued, and the order of the checks (RFC 7030 §4.2):
 * authentication first ({@code 401}), then the request itself ({@code 400}: proof of
 * possession, RFC 7030 §3.4 / RFC 2986), then the device's standing ({@code 403}), and
 * only then is an enrollment token used up — so a CSR that fails its signature check
 * leaves the token usable (CONTRACT "Device PKI"). Subject and SAN come from the
 * registry ({@link CertificateIssuer}). Every outcome is audited; tokens never are.
 */
final class EstEnrollment {

	static final String SIMPLEENROLL = "simpleenroll";

	static final String SIMPLEREENROLL = "simplereenroll";

	private static final String BEARER = "Bearer ";

	private final EnrollmentTokens tokens;

	private final FactoryCertificates factory;

	private final OperationalCertificates operational;

	private final ClientRegistry registry;

	private final CertificateIssuer issuer;

	private final AuditLog audit;

	EstEnrollment(EnrollmentTokens tokens, FactoryCertificates factory, OperationalCertificates operational,
			ClientRegistry registry, CertificateIssuer issuer, AuditLog audit) {
		this.tokens = tokens;
		this.factory = factory;
		this.operational = operational;
		this.registry = registry;
		this.issuer = issuer;
		this.audit = audit;
	}

	/**
	 * RFC 7030 §4.2.1 with a one-time enrollment token ({@code authorization} is
	 * {@code Bearer <token>}) or, without an {@code Authorization} header, a factory
	 * certificate on the TLS connection.
	 */
	IssuedCertificate enroll(String authorization, X509Certificate[] chain, Supplier<byte[]> body, String address) {
		if (authorization != null) {
			if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
					|| authorization.substring(BEARER.length()).isBlank()) {
				throw refused(null, SIMPLEENROLL, EstRefusal.unauthenticated("only the Bearer scheme is accepted"),
						address);
			}
			String bearerToken = authorization.substring(BEARER.length()).trim();
			String device = this.tokens.deviceOf(bearerToken)
				.orElseThrow(() -> refused(null, SIMPLEENROLL, EstRefusal.unauthenticated(
						"the enrollment token is unknown, expired or already used"), address));
			Checked csr = check(device, SIMPLEENROLL, body, address);
			if (!this.tokens.consume(bearerToken, device)) {
				// another request used it between the check and now
				throw refused(device, SIMPLEENROLL, EstRefusal.unauthenticated("the enrollment token is already used"),
						address);
			}
			return issue(device, SIMPLEENROLL, "enrollment-token", csr, address);
		}
		String device;
		try {
			device = this.factory.deviceOf(chain, address)
				.map(ClientRecord::id)
				.orElseThrow(() -> EstRefusal.unauthenticated(
						"an enrollment token or a factory certificate of a registered device or enrollment group is required"));
		}
		catch (EstRefusal ex) {
			throw refused(null, SIMPLEENROLL, ex, address);
		}
		Checked csr = check(device, SIMPLEENROLL, body, address);
		return issue(device, SIMPLEENROLL, "factory-certificate", csr, address);
	}

	/** RFC 7030 §4.2.2, authenticated by the device's current operational certificate. */
	IssuedCertificate reenroll(X509Certificate[] chain, Supplier<byte[]> body, String address) {
		String device = Optional.ofNullable(chain)
			.filter(c -> c.length > 0)
			.flatMap(c -> this.operational.deviceOf(c[0]))
			.orElseThrow(() -> refused(null, SIMPLEREENROLL, EstRefusal.unauthenticated(
					"a valid, unrevoked certificate from the device CA is required"), address));
		Checked csr = check(device, SIMPLEREENROLL, body, address);
		return issue(device, SIMPLEREENROLL, "operational-certificate", csr, address);
	}

	/**
	 * The DER request once it has passed every check. The body is only read now, after
	 * authentication, so that an unauthenticated client learns nothing but {@code 401}.
	 */
	private Checked check(String device, String operation, Supplier<byte[]> body, String address) {
		VerifiedCsr csr;
		try {
			// checked here, before the token is used up
			csr = CsrCheck.verify(body.get());
		}
		catch (EstRefusal ex) {
			throw refused(device, operation, ex, address);
		}
		catch (InvalidCsrException ex) {
			throw refused(device, operation, EstRefusal.badRequest(ex.getMessage()), address);
		}
		ClientRecord record = this.registry.find(device).filter(ClientRecord::isDevice).orElse(null);
		ClientStatus status = (record != null) ? record.status() : ClientStatus.RETIRED;
		// pending (awaiting approval), suspended, quarantined, retired: only active devices enroll
		if (!status.mayGetTokens()) {
			throw refused(device, operation, EstRefusal.forbidden("the device is " + status.wireName()), address);
		}
		return new Checked(csr, record);
	}

	/**
	 * A request that passed every check, and the device's registration as read then: the
	 * certificate is issued from it, and its subject DN is written only when it changes.
	 */
	private record Checked(VerifiedCsr csr, ClientRecord device) {
	}

	private IssuedCertificate issue(String device, String operation, String authentication, Checked checked,
			String address) {
		IssuedCertificate certificate;
		try {
			certificate = this.issuer.issue(checked.device(), checked.csr());
		}
		catch (ClientNotFoundException | ClientConflictException ex) {
			// retired (the registration read in the check says so)
			throw refused(device, operation, EstRefusal.forbidden("the device may not enroll"), address);
		}
		String subject = certificate.subject();
		if (!subject.equals(checked.device().tlsClientAuthSubjectDn())) {
			rememberSubject(device, subject);
		}
		this.audit.enrollment(device, operation, authentication, certificate.serialNumber().toString(16), address);
		return certificate;
	}

	/**
	 * CONTRACT "Device PKI": the device's {@code tls_client_auth_subject_dn} becomes the
	 * issued subject, so that the new certificate works at the token endpoint even when the
	 * registration named the factory certificate's subject. Written only when it differs,
	 * so renewals cost no registry write.
	 */
	private void rememberSubject(String device, String subject) {
		this.registry.update(device, record -> subject.equals(record.tlsClientAuthSubjectDn()) ? record
				: record.withTlsClientAuthSubjectDn(subject, this.registry.clock().instant()));
	}

	private EstRefusal refused(String device, String operation, EstRefusal refusal, String address) {
		this.audit.refused("est-" + operation, device, refusal.error(), address);
		return refusal;
	}

}
