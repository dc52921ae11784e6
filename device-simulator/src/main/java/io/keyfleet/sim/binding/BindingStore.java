package io.keyfleet.sim.binding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.keyfleet.sim.ClientAuthMethod;
import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.OwnerOnlyFiles;
import io.keyfleet.sim.Pem;
import io.keyfleet.sim.SimException;
import io.keyfleet.sim.est.EnrolledCertificates;
import io.keyfleet.sim.fleet.DeviceRecord;
import io.keyfleet.sim.fleet.FleetStore;

/**
 * Keeps each device's binding material next to its record in the fleet directory, made on
 * first use and readable by its owner only ({@code rw-------}), so that a device keeps the
 * same certificate and DPoP key across runs, as a real one would:
 *
 * <pre>
 * devices/&lt;id&gt;.json              the device (see {@link FleetStore})
 * devices/&lt;id&gt;.tls-cert.pem      its self-signed client certificate, CN=&lt;id&gt; ({@link Binding#MTLS})
 * devices/&lt;id&gt;.tls-key.pem       the certificate's key, for client_secret devices that have no key of their own
 * devices/&lt;id&gt;.dpop-key.pem      its DPoP key, PKCS#8 ({@link Binding#DPOP})
 * devices/&lt;id&gt;.est.pem           its enrolled certificate and key ({@link EnrolledCertificates})
 * </pre>
 *
 * A device that enrolled over EST presents its enrolled certificate instead of the
 * self-signed one; a {@code tls_client_auth} device always does, whatever the binding asked.
 *
 * A {@code private_key_jwt} device's certificate is for its registered key, so it also
 * serves {@code self_signed_tls_client_auth} (RFC 8705 Section 2.2); the DPoP key is
 * always a key of its own (RFC 9449 Section 1 does not require it, but a proof key that
 * is not the authentication key limits what a leaked one can do).
 */
public final class BindingStore {

	static final String CERTIFICATE = ".tls-cert.pem";

	static final String CERTIFICATE_KEY = ".tls-key.pem";

	static final String DPOP_KEY = ".dpop-key.pem";

	private final FleetStore fleet;

	private final Clock clock;

	private final EnrolledCertificates enrolled;

	public BindingStore(FleetStore fleet, Clock clock) {
		this.fleet = fleet;
		this.clock = clock;
		this.enrolled = new EnrolledCertificates(fleet);
	}

	/**
	 * @param device a device of the fleet
	 * @param binding the binding it uses
	 * @return its binding material, made and stored now if it has none yet
	 */
	public DeviceBinding prepare(DeviceRecord device, Binding binding) {
		return prepare(device, binding, null);
	}

	/**
	 * @param device a device of the fleet
	 * @param binding the binding it uses
	 * @param provider the JCA provider of its DPoP signatures, or {@code null} for the JDK's default
	 * @return its binding material, made and stored now if it has none yet
	 */
	public DeviceBinding prepare(DeviceRecord device, Binding binding, Provider provider) {
		if (device.method() == ClientAuthMethod.TLS_CLIENT_AUTH) {
			// its certificate is its credential: on every connection, so every token is bound (RFC 8705 3)
			if (binding == Binding.DPOP) {
				throw new SimException("device " + device.id() + " authenticates with its certificate "
						+ "(tls_client_auth): its tokens are certificate-bound; --binding dpop does not apply");
			}
			return new DeviceBinding(Binding.MTLS, this.enrolled.require(device.id()), null);
		}
		return switch (binding) {
			case NONE -> DeviceBinding.NONE;
			case MTLS -> new DeviceBinding(binding, certificate(device), null);
			case DPOP -> new DeviceBinding(binding, null, new DPoPProofs(dpopKey(device), provider));
		};
	}

	private ClientCertificate certificate(DeviceRecord device) {
		Optional<ClientCertificate> enrolled = this.enrolled.find(device.id());
		if (enrolled.isPresent()) {
			return enrolled.get(); // a device with a CA-issued certificate presents that one
		}
		Path certificateFile = this.fleet.sidecar(device.id(), CERTIFICATE);
		KeyPair keyPair = (device.privateKeyPem() != null)
				? EcKeys.keyPairOf(device.credentials().privateKey()) : ownKey(device, CERTIFICATE_KEY);
		if (Files.isRegularFile(certificateFile)) {
			return new ClientCertificate(readCertificate(certificateFile), keyPair.getPrivate());
		}
		ClientCertificate certificate = ClientCertificate.selfSigned(device.id(), keyPair, this.clock.instant());
		OwnerOnlyFiles.write(certificateFile,
				Pem.encodeCertificate(certificate.certificate()).getBytes(StandardCharsets.US_ASCII));
		return certificate;
	}

	private KeyPair dpopKey(DeviceRecord device) {
		return ownKey(device, DPOP_KEY);
	}

	private KeyPair ownKey(DeviceRecord device, String suffix) {
		Path file = this.fleet.sidecar(device.id(), suffix);
		if (Files.isRegularFile(file)) {
			return EcKeys.keyPairOf(Pem.readEcPrivateKey(file));
		}
		KeyPair keyPair = EcKeys.generate();
		OwnerOnlyFiles.write(file, Pem.encodePrivateKey(keyPair.getPrivate()).getBytes(StandardCharsets.US_ASCII));
		return keyPair;
	}

	private static X509Certificate readCertificate(Path file) {
		try {
			List<X509Certificate> certificates = Pem.readCertificates(file);
			if (certificates.size() != 1) {
				throw new SimException(file + " must hold exactly one certificate");
			}
			return certificates.get(0);
		}
		catch (IOException ex) {
			throw new SimException("cannot read " + file + ": " + ex.getMessage(), ex);
		}
	}

}
