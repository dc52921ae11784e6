package io.keyfleet.auth.attestation;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.keyfleet.auth.store.StateStore;

/** Attestation challenges (the evidence verifiers arrive with issue 6). */
@Configuration(proxyBeanMethods = false)
public class AttestationConfiguration {

	@Bean
	ChallengeStore challengeStore(StateStore store) {
		return new ChallengeStore(store, Duration.ofMinutes(5));
	}

}
