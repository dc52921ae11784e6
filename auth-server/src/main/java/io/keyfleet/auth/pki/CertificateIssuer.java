package io.keyfleet.auth.pki;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;

import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

import io.keyfleet.auth.client.ClientConflictException;
import io.keyfleet.auth.client.ClientKind;
import io.keyfleet.auth.client.ClientNotFoundException;
import io.keyfleet.auth.client.ClientRecord;
import io.keyfleet.auth.client.ClientRegistry;
import io.keyfleet.auth.client.ClientStatus;
import io.keyfleet.auth.clientauth.PresentedCertificate;

/**
 * Issues device certificates from PKCS#10 requests, under the device CA. Only the key
 * comes from the request: the subject is {@code CN=<device id>} and the subject
 * alternative names are the registration's ({@code tls_client_auth_san_uri},
 * {@code tls_client_auth_san_dns}), whatever the request asks for — a device cannot obtain
 * a certificate naming another. Each certificate is recorded with status {@code good}.
 */
public final class CertificateIssuer {

	/** RFC 5280 §4.1.2.2: at most 20 octets, positive; 159 random bits fit both. */
	private static final int SERIAL_BITS = 159;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final DeviceCa ca;

	private final ClientRegistry registry;

	private final CertificateStore store;

	private final Duration lifetime;

	private final String crlUrl;

	private final String ocspUrl;

	public CertificateIssuer(DeviceCa ca, ClientRegistry registry, CertificateStore store, Duration lifetime,
			String issuerUrl) {
		this.ca = ca;
		this.registry = registry;
		this.store = store;
		this.lifetime = lifetime;
		this.crlUrl = issuerUrl + "/pki/crl";
		this.ocspUrl = issuerUrl + "/pki/ocsp";
	}

	/**
	 * @param csr DER PKCS#10 request
	 * @throws InvalidCsrException when the request is unusable (EST: {@code 400})
	 * @throws ClientNotFoundException when no such device is registered
	 * @throws ClientConflictException when the device is retired
	 */
	public X509Certificate issue(String deviceId, byte[] csr) {
		return issue(deviceId, CsrCheck.verify(csr));
	}

	/**
	 * @param csr a request that already passed {@link CsrCheck}
	 * @throws ClientNotFoundException when no such device is registered
	 * @throws ClientConflictException when the device is retired
	 */
	public X509Certificate issue(String deviceId, VerifiedCsr csr) {
		return issue(this.registry.find(deviceId)
			.filter(ClientRecord::isDevice)
			.orElseThrow(() -> new ClientNotFoundException(ClientKind.DEVICE, deviceId)), csr).certificate();
	}

	/**
	 * @param device the device's registration as the caller just read it
	 * @param csr a request that already passed {@link CsrCheck}
	 * @throws ClientConflictException when the device is retired
	 */
	public IssuedCertificate issue(ClientRecord device, VerifiedCsr csr) {
		PublicKey key = csr.publicKey();
		String deviceId = device.id();
		if (device.status() == ClientStatus.RETIRED) {
			throw new ClientConflictException(deviceId + " is retired and gets no certificates");
		}
		String subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, deviceId).build().toString();
		CertificateBuilder builder = CertificateBuilder.forSubject(subject, key)
			.issuedBy(this.ca)
			.serialNumber(newSerial())
			.validFor(this.lifetime)
			.clientAuth()
			.revocationUrls(this.crlUrl, this.ocspUrl);
		if (device.tlsClientAuthSanUri() != null) {
			builder.uri(device.tlsClientAuthSanUri());
		}
		if (device.tlsClientAuthSanDns() != null) {
			builder.dnsName(device.tlsClientAuthSanDns());
		}
		IssuedCertificate certificate = new IssuedCertificate(builder.buildHolder());
		boolean recorded = this.store.record(CertificateRecord.good(certificate.serialNumber(), deviceId,
				certificate.thumbprint(), certificate.notAfter()), this.registry.standingKey(deviceId));
		if (!recorded) {
			// retired between the caller's read and now: the certificate is never handed out
			throw new ClientConflictException(deviceId + " is retired and gets no certificates");
		}
		return certificate;
	}

	private static BigInteger newSerial() {
		BigInteger serial;
		do {
			serial = new BigInteger(SERIAL_BITS, RANDOM);
		}
		while (serial.signum() == 0);
		return serial;
	}

}
