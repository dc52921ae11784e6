package io.keyfleet.auth.provisioning;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.client.AuthMethod;
import io.keyfleet.auth.client.ClientKind;
import io.keyfleet.auth.client.ClientRecord;
import io.keyfleet.auth.client.ClientRegistry;

/**
 * Just-in-time registration (CONTRACT "Provisioning"): a device whose factory
 * certificate is valid for an enrollment group ({@link FactoryCertificateVerifier}) is
 * registered from the group's template on first contact — id from the certificate,
 * {@code tls_client_auth} with subject {@code CN=<id>}, {@code active} or {@code pending}
 * by the group's approval mode, and the group remembered.
 *
 * <p>
 * The registry's create is one Lua script that refuses a taken id, so of concurrent
 * first contacts exactly one registers; the others then find the device it registered and
 * carry on with it, as they would on a later contact. A certificate naming a device that
 * was registered otherwise, or from another group, changes nothing and is refused.
 */
public final class JustInTimeRegistration {

	private final FactoryCertificateVerifier certificates;

	private final ClientRegistry registry;

	private final AuditLog audit;

	JustInTimeRegistration(FactoryCertificateVerifier certificates, ClientRegistry registry, AuditLog audit) {
		this.certificates = certificates;
		this.registry = registry;
		this.audit = audit;
	}

	/**
	 * The device a factory certificate stands for, registering it if this is its first
	 * contact.
	 * @param chain the presented chain, leaf first
	 * @param expectedId the device the request claims to be ({@code client_id}), or null
	 * @param via the registering request, for the audit ({@code token}, {@code est-simpleenroll})
	 */
	public Result register(X509Certificate[] chain, String expectedId, String via, String address) {
		Optional<FactoryCertificate> verified = this.certificates.verify(chain);
		if (verified.isEmpty() || (expectedId != null && !expectedId.equals(verified.get().deviceId()))) {
			return Result.UNTRUSTED;
		}
		FactoryCertificate certificate = verified.get();
		Optional<ClientRecord> existing = this.registry.find(certificate.deviceId());
		if (existing.isPresent()) {
			return ofGroup(existing.get(), certificate, via, address);
		}
		ClientRecord device = newDevice(certificate);
		if (this.registry.create(device)) {
			this.audit.registeredJustInTime(device.id(), certificate.group().id(), device.status().wireName(), via,
					address);
			return new Result(Outcome.DEVICE, device);
		}
		// registered an instant ago by a concurrent first contact (or taken otherwise)
		return this.registry.find(certificate.deviceId())
			.map(current -> ofGroup(current, certificate, via, address))
			.orElse(Result.UNTRUSTED);
	}

	private Result ofGroup(ClientRecord device, FactoryCertificate certificate, String via, String address) {
		if (device.isDevice() && certificate.group().id().equals(device.enrollmentGroup())) {
			return new Result(Outcome.DEVICE, device);
		}
		this.audit.refused(via, device.id(), "factory_certificate_of_another_registration", address);
		return new Result(Outcome.REFUSED, null);
	}

	private ClientRecord newDevice(FactoryCertificate certificate) {
		EnrollmentGroup group = certificate.group();
		DeviceTemplate template = group.template();
		String id = certificate.deviceId();
		Instant now = this.registry.clock().instant();
		return new ClientRecord(id, ClientKind.DEVICE, template.model(), AuthMethod.TLS_CLIENT_AUTH, null, "CN=" + id,
				null, null, template.allowedScopes(), template.allowedResources(), false, false,
				template.attestation(), template.labels(), group.approval().initialStatus(), null, null, now, now, null,
				null, group.id(), 1);
	}

	/** What a factory certificate amounts to. */
	public enum Outcome {

		/** Not a valid factory certificate of any group (or not of the claimed device). */
		UNTRUSTED,

		/** Valid, but its device id belongs to a device registered otherwise or by another group. */
		REFUSED,

		/** The device it stands for, registered now or before, in whatever status it is. */
		DEVICE

	}

	/** @param device the device when {@code outcome} is {@link Outcome#DEVICE}, else null */
	public record Result(Outcome outcome, ClientRecord device) {

		static final Result UNTRUSTED = new Result(Outcome.UNTRUSTED, null);

	}

}
