package io.keyfleet.auth.est;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Optional;

import io.keyfleet.auth.clientauth.PresentedCertificate;
import io.keyfleet.auth.pki.CertificateRecord;
import io.keyfleet.auth.pki.CertificateStore;
import io.keyfleet.auth.pki.DeviceCa;

/**
 * Recognises a device's current operational certificate, which authenticates EST
 * {@code simplereenroll} (RFC 7030 §4.2.2, §3.3.2): signed by the device CA, valid now,
 * recorded in {@code cert:<serial>} with the same thumbprint, and not revoked. The
 * record, not the subject, names the device, so a certificate cannot be renewed into
 * another device's name.
 */
final class OperationalCertificates {

	private final DeviceCa deviceCa;

	private final CertificateStore store;

	OperationalCertificates(DeviceCa deviceCa, CertificateStore store) {
		this.deviceCa = deviceCa;
		this.store = store;
	}

	/** The id of the device the certificate was issued to, or empty. */
	Optional<String> deviceOf(X509Certificate leaf) {
		if (leaf == null || !issuedBy(leaf, this.deviceCa)) {
			return Optional.empty();
		}
		try {
			leaf.checkValidity(new Date());
		}
		catch (GeneralSecurityException ex) {
			return Optional.empty();
		}
		String thumbprint = PresentedCertificate.thumbprint(leaf);
		return this.store.find(leaf.getSerialNumber())
			.filter(record -> !record.revoked())
			.filter(record -> thumbprint.equals(record.thumbprint()))
			.map(CertificateRecord::device);
	}

	/** Whether the device CA's key signed the certificate. */
	static boolean issuedBy(X509Certificate certificate, DeviceCa ca) {
		if (!certificate.getIssuerX500Principal().equals(ca.certificate().getSubjectX500Principal())) {
			return false;
		}
		try {
			certificate.verify(ca.certificate().getPublicKey());
			return true;
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

}
