package io.keyfleet.sim.est;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;

import io.keyfleet.sim.BouncyCastle;
import io.keyfleet.sim.OwnerOnlyFiles;
import io.keyfleet.sim.Pem;
import io.keyfleet.sim.SimException;
import io.keyfleet.sim.binding.ClientCertificate;
import io.keyfleet.sim.fleet.FleetStore;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Keeps each device's operational certificate (the one EST issued) and its private key
 * next to its record, in one owner-only file ({@code rw-------}):
 *
 * <pre>
 * devices/&lt;id&gt;.est.pem     CERTIFICATE, then PRIVATE KEY (PKCS#8)
 * </pre>
 *
 * One file, replaced in one atomic move ({@link OwnerOnlyFiles}), so that the certificate
 * and its key always match: a renewal that fails leaves the previous pair as it was.
 * {@code curl --cert devices/<id>.est.pem} reads it as it is.
 */
public final class EnrolledCertificates {

	static final String SUFFIX = ".est.pem";

	private final FleetStore fleet;

	public EnrolledCertificates(FleetStore fleet) {
		this.fleet = fleet;
	}

	/**
	 * @param deviceId a device id
	 * @return the file its certificate and key are (or would be) kept in
	 */
	public Path file(String deviceId) {
		return this.fleet.sidecar(deviceId, SUFFIX);
	}

	/**
	 * @param deviceId a device id
	 * @return its enrolled certificate and key, if it has enrolled
	 * @throws SimException when the file exists but does not hold one certificate and one key
	 */
	public Optional<ClientCertificate> find(String deviceId) {
		Path file = file(deviceId);
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		X509Certificate certificate = null;
		PrivateKey key = null;
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
				PEMParser parser = new PEMParser(reader)) {
			for (Object pem = parser.readObject(); pem != null; pem = parser.readObject()) {
				if (pem instanceof X509CertificateHolder holder && certificate == null) {
					certificate = new JcaX509CertificateConverter().setProvider(BouncyCastle.PROVIDER)
						.getCertificate(holder);
				}
				else if (pem instanceof PrivateKeyInfo info && key == null) {
					key = new JcaPEMKeyConverter().getPrivateKey(info);
				}
				else if (pem instanceof PEMKeyPair pair && key == null) {
					key = new JcaPEMKeyConverter().getPrivateKey(pair.getPrivateKeyInfo());
				}
			}
		}
		catch (IOException | CertificateException | RuntimeException ex) {
			throw new SimException("cannot read " + file + ": " + ex.getMessage(), ex);
		}
		if (certificate == null || key == null) {
			throw new SimException(file + " must hold a certificate and its private key");
		}
		return Optional.of(new ClientCertificate(certificate, key));
	}

	/**
	 * @param deviceId a device id
	 * @return its enrolled certificate and key
	 * @throws SimException when it has not enrolled
	 */
	public ClientCertificate require(String deviceId) {
		return find(deviceId).orElseThrow(() -> new SimException("device " + deviceId + " has no enrolled certificate ("
				+ file(deviceId) + "); run 'enroll " + deviceId + "' first"));
	}

	/**
	 * Stores (or replaces) a device's certificate and key, both at once.
	 * @param deviceId a device id
	 * @param enrolled the certificate and its key
	 */
	public void save(String deviceId, ClientCertificate enrolled) {
		String pem = Pem.encodeCertificate(enrolled.certificate()) + Pem.encodePrivateKey(enrolled.privateKey());
		OwnerOnlyFiles.write(file(deviceId), pem.getBytes(StandardCharsets.US_ASCII));
	}

}
