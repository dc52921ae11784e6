package io.keyfleet.sim.est;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.SimException;
import io.keyfleet.sim.binding.ClientCertificate;

/**
 * A device's side of EST enrollment: a P-256 key (new, or the current one kept), a
 * PKCS#10 request for it, the request sent, and the issued certificate checked to be for
 * that key before anyone stores it (RFC 7030 Section 4.2.3 returns the certificate only;
 * a certificate for another key would be useless to the device).
 */
public final class Enroller {

	private final EstClient est;

	/**
	 * @param est the EST client; its transport presents the certificate that authenticates
	 * the device, if any (a factory certificate, or the current operational one)
	 */
	public Enroller(EstClient est) {
		this.est = est;
	}

	/**
	 * {@code simpleenroll} with a new key (RFC 7030 Section 4.2.1).
	 * @param deviceId the device, the CN the request asks for
	 * @param bearer an enrollment token, or {@code null} when the transport's factory certificate authenticates
	 * @return the issued certificate with its new key
	 * @throws SimException when the server refused (with its status explained) or answered nonsense
	 */
	public ClientCertificate enroll(String deviceId, String bearer) {
		KeyPair keyPair = EcKeys.generate();
		return issued(this.est.simpleenroll(CertificationRequests.create(keyPair, deviceId), bearer), keyPair);
	}

	/**
	 * {@code simplereenroll} (RFC 7030 Section 4.2.2) over the transport's current certificate.
	 * @param deviceId the device
	 * @param keyPair the key to certify: a new one, or the current one kept
	 * @return the issued certificate with that key
	 * @throws SimException when the server refused or answered nonsense
	 */
	public ClientCertificate reenroll(String deviceId, KeyPair keyPair) {
		return issued(this.est.simplereenroll(CertificationRequests.create(keyPair, deviceId)), keyPair);
	}

	/**
	 * @param response the answer of an enrollment
	 * @param keyPair the key its request was for
	 * @return the issued certificate with the key
	 * @throws SimException when refused, or when the certificate is not for the key
	 */
	static ClientCertificate issued(EstResponse response, KeyPair keyPair) {
		X509Certificate certificate = response.issued();
		if (!Arrays.equals(certificate.getPublicKey().getEncoded(), keyPair.getPublic().getEncoded())) {
			throw new SimException("the server issued a certificate for another key than the request's ("
					+ certificate.getSubjectX500Principal().getName() + ")");
		}
		return new ClientCertificate(certificate, keyPair.getPrivate());
	}

}
