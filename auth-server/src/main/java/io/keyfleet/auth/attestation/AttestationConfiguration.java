package io.keyfleet.auth.attestation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.keyfleet.auth.attestation.ear.EarEvidenceVerifier;
import io.keyfleet.auth.attestation.ear.EarVerifier;
import io.keyfleet.auth.attestation.ear.RemoteEvidenceVerifier;
import io.keyfleet.auth.attestation.eat.EatEvidenceVerifier;
import io.keyfleet.auth.attestation.policy.AppraisalPolicyStore;
import io.keyfleet.auth.attestation.policy.PolicySeeder;
import io.keyfleet.auth.attestation.tpm.Tpm2QuoteEvidenceVerifier;
import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.client.ClientService;
import io.keyfleet.auth.clientauth.TrustedCertificateAuthorities;
import io.keyfleet.auth.store.StateStore;

/**
 * Device attestation: challenges, one evidence verifier per format (built in: {@code eat},
 * {@code tpm2-quote}; {@code ear} and remote verifiers when configured), appraisal
 * policies seeded from {@code keyfleet.attestation.policy-dir}, results, and the gate and
 * claim of the token endpoint.
 */
@Configuration(proxyBeanMethods = false)
public class AttestationConfiguration {

	@Bean
	ChallengeStore challengeStore(StateStore store, AttestationProperties properties, Clock clock) {
		return new ChallengeStore(store, properties.challengeLifetime(), clock);
	}

	@Bean
	EatEvidenceVerifier eatEvidenceVerifier(AttestationProperties properties) {
		return new EatEvidenceVerifier(TrustedCertificateAuthorities.fromFiles(properties.manufacturerCaFiles()));
	}

	@Bean
	Tpm2QuoteEvidenceVerifier tpm2QuoteEvidenceVerifier() {
		return new Tpm2QuoteEvidenceVerifier();
	}

	@Bean
	EvidenceVerifierRegistry evidenceVerifierRegistry(ObjectProvider<EvidenceVerifier> builtIn,
			AttestationProperties properties, Clock clock) {
		List<EvidenceVerifier> verifiers = new ArrayList<>(builtIn.orderedStream().toList());
		AttestationProperties.Ear ear = properties.ear();
		if (ear != null) {
			verifiers.add(new EarEvidenceVerifier(new EarVerifier(ear.jwksUrl(), ear.issuer(), ear.timeout(),
					properties.challengeLifetime(), clock)));
		}
		for (AttestationProperties.RemoteVerifier remote : properties.remoteVerifiers()) {
			verifiers.add(new RemoteEvidenceVerifier(remote.format(), remote.url(), remote.timeout(),
					new EarVerifier(remote.jwksUrl(), remote.issuer(), remote.timeout(), properties.challengeLifetime(),
							clock)));
		}
		return new EvidenceVerifierRegistry(verifiers);
	}

	@Bean
	AppraisalPolicyStore appraisalPolicyStore(StateStore store, AttestationProperties properties) {
		AppraisalPolicyStore policies = new AppraisalPolicyStore(store);
		if (properties.policyDir() != null) {
			new PolicySeeder(policies).seed(properties.policyDir());
		}
		return policies;
	}

	@Bean
	AttestationResults attestationResults(StateStore store, Clock clock) {
		return new AttestationResults(store, clock);
	}

	@Bean
	AttestationService attestationService(EvidenceVerifierRegistry verifiers, AppraisalPolicyStore policies,
			AttestationResults results, ChallengeStore challenges, ClientService clients, StateStore store,
			AuditLog audit, Clock clock) {
		return new AttestationService(verifiers, policies, results, challenges, clients, store, audit, clock);
	}

	@Bean
	AttestationRequestCheck attestationRequestCheck(AttestationService attestation) {
		return new AttestationRequestCheck(attestation);
	}

	@Bean
	AttestationClaimContributor attestationClaimContributor() {
		return new AttestationClaimContributor();
	}

}
