package io.keyfleet.auth.provisioning;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

import io.keyfleet.auth.client.ClientKind;
import io.keyfleet.auth.client.ClientRegistrationRequest;
import io.keyfleet.auth.client.ClientRegistrationValidator;
import io.keyfleet.auth.client.FieldError;
import io.keyfleet.auth.client.InvalidRegistrationException;
import io.keyfleet.auth.keys.Pem;

/**
 * Checks an {@link EnrollmentGroupRequest} and turns it into an {@link EnrollmentGroup}.
 * The manufacturer CA must be one CA certificate (RFC 5280 §4.2.1.9 {@code cA}, and
 * {@code keyCertSign} when it has a key usage, §4.2.1.3) valid now; the template must be
 * a valid device registration minus its per-device parts; an inline CRL must be signed by
 * that CA (§6.3.3 (f)). Every problem is reported at once, as a {@code 400}.
 */
public final class EnrollmentGroupValidator {

	/** Attestation fields that name one device's keys: never in a template. */
	private static final Set<String> PER_DEVICE_ATTESTATION = Set.of("eat_key", "tpm_ak", "ueid");

	private static final int KEY_CERT_SIGN = 5;

	private static final String TEMPLATE_CHECK_ID = "template";

	private final ClientRegistrationValidator registrations;

	private final Clock clock;

	public EnrollmentGroupValidator(ClientRegistrationValidator registrations, Clock clock) {
		this.registrations = registrations;
		this.clock = clock;
	}

	public EnrollmentGroup validate(EnrollmentGroupRequest request) {
		List<FieldError> errors = new ArrayList<>();
		if (request.id() == null || !ClientRegistrationValidator.ID.matcher(request.id()).matches()) {
			errors.add(new FieldError("id", "must match [A-Za-z0-9._:-]{1,128}"));
		}
		X509Certificate ca = manufacturerCa(request.manufacturerCa(), errors);
		template(request.template(), errors);
		Approval approval = Approval.fromWireName(request.approval()).orElse(null);
		if (approval == null) {
			errors.add(new FieldError("approval", "must be auto or manual"));
		}
		crl(request.crl(), ca, errors);
		if (!errors.isEmpty()) {
			throw new InvalidRegistrationException(errors);
		}
		return new EnrollmentGroup(request.id(), Pem.write(ca), request.template(), approval, request.crl(),
				CaFingerprints.of(ca), this.clock.instant());
	}

	private X509Certificate manufacturerCa(String pem, List<FieldError> errors) {
		List<X509Certificate> certificates;
		try {
			certificates = (pem != null) ? Pem.readCertificates(pem) : List.of();
		}
		catch (RuntimeException ex) {
			// BouncyCastle's PEM reader also throws its own DecoderException on bad base64
			certificates = List.of();
		}
		if (certificates.size() != 1) {
			errors.add(new FieldError("manufacturer_ca", "must be exactly one PEM certificate"));
			return null;
		}
		X509Certificate ca = certificates.get(0);
		boolean[] usage = ca.getKeyUsage();
		if (ca.getBasicConstraints() < 0 || (usage != null && (usage.length <= KEY_CERT_SIGN || !usage[KEY_CERT_SIGN]))) {
			errors.add(new FieldError("manufacturer_ca", "is not a CA certificate (basicConstraints cA, keyCertSign)"));
			return null;
		}
		try {
			ca.checkValidity(Date.from(this.clock.instant()));
		}
		catch (GeneralSecurityException ex) {
			errors.add(new FieldError("manufacturer_ca", "is expired or not yet valid"));
			return null;
		}
		return ca;
	}

	private void template(DeviceTemplate template, List<FieldError> errors) {
		if (template == null) {
			errors.add(new FieldError("template", "is required"));
			return;
		}
		if (template.attestation() != null) {
			template.attestation()
				.keySet()
				.stream()
				.filter(PER_DEVICE_ATTESTATION::contains)
				.forEach(field -> errors.add(new FieldError("template.attestation." + field,
						"names one device's key; a template cannot")));
		}
		try {
			// a registration of a placeholder device, checked by the device registration rules
			this.registrations.validate(ClientKind.DEVICE, new ClientRegistrationRequest(TEMPLATE_CHECK_ID,
					template.model(), "tls_client_auth", null, "CN=" + TEMPLATE_CHECK_ID, null, null,
					template.allowedScopes(), template.allowedResources(), null, null, template.attestation(),
					template.labels()));
		}
		catch (InvalidRegistrationException ex) {
			ex.errors().forEach(e -> errors.add(new FieldError("template." + e.field(), e.message())));
		}
	}

	private static void crl(CrlSource source, X509Certificate ca, List<FieldError> errors) {
		if (source == null) {
			return;
		}
		if ((source.pem() == null) == (source.url() == null)) {
			errors.add(new FieldError("crl", "needs exactly one of pem and url"));
			return;
		}
		if (source.url() != null && !isHttpUrl(source.url())) {
			errors.add(new FieldError("crl.url", "must be an absolute http or https URL"));
		}
		if (source.pem() != null) {
			try {
				X509CRL crl = ManufacturerCrls.parse(source.pem().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
				if (ca != null) {
					crl.verify(ca.getPublicKey());
				}
			}
			catch (GeneralSecurityException | RuntimeException ex) {
				errors.add(new FieldError("crl.pem", "must be a PEM CRL signed by the manufacturer CA"));
			}
		}
	}

	private static boolean isHttpUrl(String url) {
		try {
			URI uri = new URI(url);
			return url.length() <= 2048 && uri.getHost() != null
					&& ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}
