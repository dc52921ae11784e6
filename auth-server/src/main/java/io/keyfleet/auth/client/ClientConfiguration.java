package io.keyfleet.auth.client;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.keyfleet.auth.attestation.EvidenceVerifierRegistry;
import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.keys.KeyEncryptionKey;
import io.keyfleet.auth.store.StateStore;
import io.keyfleet.auth.token.TokenProperties;

/** Wires the registry, its cache and the view Spring's authorization server gets of it. */
@Configuration(proxyBeanMethods = false)
public class ClientConfiguration {

	@Bean
	ClientRegistry clientRegistry(StateStore store, Clock clock) {
		return new ClientRegistry(store, clock);
	}

	@Bean
	ResolvedClientCache resolvedClientCache(ClientRegistry registry, KeyEncryptionKey kek, TokenProperties tokens,
			RegistryProperties properties) {
		return new ResolvedClientCache(registry, new ClientResolver(kek, tokens.accessTokenTtl()),
				properties.cacheSize());
	}

	@Bean
	RegistryChangeSubscriber registryChangeSubscriber(StateStore store, ClientRegistry registry,
			ResolvedClientCache cache) {
		return new RegistryChangeSubscriber(store, registry.changeChannel(), cache);
	}

	@Bean
	KeyfleetRegisteredClientRepository registeredClientRepository(ResolvedClientCache cache) {
		return new KeyfleetRegisteredClientRepository(cache);
	}

	@Bean
	ClientService clientService(ClientRegistry registry, KeyEncryptionKey kek, AuditLog audit,
			EvidenceVerifierRegistry verifiers) {
		return new ClientService(registry, kek, audit, new ClientRegistrationValidator(verifiers.formats()));
	}

}
