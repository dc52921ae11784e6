package io.keyfleet.auth.est;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Optional;

import io.keyfleet.auth.client.ClientRecord;
import io.keyfleet.auth.client.ClientRegistry;
import io.keyfleet.auth.clientauth.TrustedCertificateAuthorities;
import io.keyfleet.auth.pki.DeviceCa;
import io.keyfleet.auth.provisioning.FactoryCertificateIdentity;
import io.keyfleet.auth.provisioning.JustInTimeRegistration;

/**
 * Maps a factory certificate — the one a manufacturer put on the device — to the device
 * it stands for, for EST {@code simpleenroll} (RFC 7030 §3.3.2, certificate TLS
 * authentication). Two ways, first match:
 * <ul>
 * <li>the chain leads to a CA of {@code keyfleet.mtls.trusted-ca-files}, the certificate
 * is valid now and its one CN is the id of a registered device;</li>
 * <li>it is a factory certificate of an enrollment group, and the device it names is
 * registered just in time on first contact ({@link JustInTimeRegistration}).</li>
 * </ul>
 * Certificates of Keyfleet's own device CA are not factory certificates: a device renews
 * those with {@code simplereenroll} ({@link OperationalCertificates}).
 */
final class FactoryCertificates {

	private final TrustedCertificateAuthorities authorities;

	private final DeviceCa deviceCa;

	private final ClientRegistry registry;

	private final JustInTimeRegistration justInTime;

	FactoryCertificates(TrustedCertificateAuthorities authorities, DeviceCa deviceCa, ClientRegistry registry,
			JustInTimeRegistration justInTime) {
		this.authorities = authorities;
		this.deviceCa = deviceCa;
		this.registry = registry;
		this.justInTime = justInTime;
	}

	/**
	 * The device the chain (leaf first) authenticates, in whatever status it is, or empty.
	 * @throws EstRefusal {@code 403} when it is an enrollment group's factory certificate
	 * naming a device registered otherwise or from another group
	 */
	Optional<ClientRecord> deviceOf(X509Certificate[] chain, String address) {
		if (chain == null || chain.length == 0 || OperationalCertificates.issuedBy(chain[0], this.deviceCa)) {
			return Optional.empty();
		}
		Optional<ClientRecord> registered = registeredDeviceOf(chain);
		if (registered.isPresent()) {
			return registered;
		}
		JustInTimeRegistration.Result result = this.justInTime.register(chain, null,
				"est-" + EstEnrollment.SIMPLEENROLL, address);
		return switch (result.outcome()) {
			case DEVICE -> Optional.of(result.device());
			case REFUSED -> throw EstRefusal
				.forbidden("the factory certificate names a device registered otherwise or by another group");
			case UNTRUSTED -> Optional.empty();
		};
	}

	private Optional<ClientRecord> registeredDeviceOf(X509Certificate[] chain) {
		if (!this.authorities.trusts(chain)) {
			return Optional.empty();
		}
		X509Certificate leaf = chain[0];
		try {
			leaf.checkValidity(new Date());
		}
		catch (GeneralSecurityException ex) {
			return Optional.empty();
		}
		return FactoryCertificateIdentity.commonName(leaf).flatMap(this.registry::find).filter(ClientRecord::isDevice);
	}

}
