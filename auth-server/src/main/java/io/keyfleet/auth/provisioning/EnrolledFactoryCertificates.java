package io.keyfleet.auth.provisioning;

import java.security.cert.X509Certificate;

import io.keyfleet.auth.client.ClientRecord;
import io.keyfleet.auth.clientauth.FactoryCertificateTrust;

/**
 * {@code tls_client_auth} with a factory certificate (RFC 8705 §2.1): the chain must be
 * valid for the very group the device was registered from, and name the device. A deleted
 * group is not found, so its factory certificates stop working at once; the device's
 * operational certificates, from the device CA, are not affected.
 */
final class EnrolledFactoryCertificates implements FactoryCertificateTrust {

	private final FactoryCertificateVerifier certificates;

	EnrolledFactoryCertificates(FactoryCertificateVerifier certificates) {
		this.certificates = certificates;
	}

	@Override
	public boolean authenticates(X509Certificate[] chain, ClientRecord device) {
		return device.enrollmentGroup() != null && this.certificates.verify(chain)
			.filter(c -> c.group().id().equals(device.enrollmentGroup()) && c.deviceId().equals(device.id()))
			.isPresent();
	}

}
