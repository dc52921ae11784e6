package io.keyfleet.auth.provisioning;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.keyfleet.auth.attestation.EvidenceVerifierRegistry;
import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.client.ClientRegistrationValidator;
import io.keyfleet.auth.client.ClientRegistry;
import io.keyfleet.auth.clientauth.FactoryCertificateTrust;
import io.keyfleet.auth.store.StateStore;

/**
 * Wires enrollment groups and just-in-time registration. The token endpoint's hook
 * ({@link JustInTimeClientAuthenticationProvider}) is made by the authorization server's
 * configuration, not as a bean: an {@code AuthenticationProvider} bean would also join
 * Spring Security's global authentication manager.
 */
@Configuration(proxyBeanMethods = false)
public class ProvisioningConfiguration {

	@Bean
	EnrollmentGroupStore enrollmentGroupStore(StateStore store) {
		return new EnrollmentGroupStore(store);
	}

	@Bean
	FactoryCertificateVerifier factoryCertificateVerifier(EnrollmentGroupStore groups,
			ProvisioningProperties properties, Clock clock) {
		return new FactoryCertificateVerifier(groups, new ManufacturerCrls(properties, clock), clock);
	}

	@Bean
	JustInTimeRegistration justInTimeRegistration(FactoryCertificateVerifier certificates, ClientRegistry registry,
			AuditLog audit) {
		return new JustInTimeRegistration(certificates, registry, audit);
	}

	@Bean
	FactoryCertificateTrust factoryCertificateTrust(FactoryCertificateVerifier certificates) {
		return new EnrolledFactoryCertificates(certificates);
	}

	@Bean
	EnrollmentGroupService enrollmentGroupService(EnrollmentGroupStore store, EvidenceVerifierRegistry verifiers,
			AuditLog audit, Clock clock) {
		return new EnrollmentGroupService(store,
				new EnrollmentGroupValidator(new ClientRegistrationValidator(verifiers.formats()), clock), audit);
	}

}
