package io.keyfleet.auth.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.keys.KeyEncryptionKey;
import io.keyfleet.auth.support.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node that changes a client sees the change at once: its cache is invalidated
 * before the write returns, not when its own pub/sub notice comes back. Here no
 * subscriber runs at all, so only that local invalidation can make the change visible.
 */
class ResolvedClientCacheTests {

	private ClientService clients;

	private ResolvedClientCache cache;

	@BeforeEach
	void newRegistry() {
		ClientRegistry registry = new ClientRegistry(TestRedis.stateStore("resolved-cache"), Clock.systemUTC());
		KeyEncryptionKey kek = KeyEncryptionKey.fromBase64(KeyEncryptionKey.generateBase64());
		this.clients = new ClientService(registry, kek, new AuditLog(), new ClientRegistrationValidator(Set.of()));
		this.cache = new ResolvedClientCache(registry, new ClientResolver(kek, Duration.ofMinutes(5)), 100);
		this.cache.setLive(true);
	}

	@Test
	void findWhenSuspendedOnThisNodeThenSuspendedAtOnce() {
		register("dev-1");
		assertThat(this.cache.find("dev-1").orElseThrow().record().status()).isEqualTo(ClientStatus.ACTIVE);

		this.clients.suspend(ClientKind.DEVICE, "dev-1", "test");

		assertThat(this.cache.find("dev-1").orElseThrow().record().status()).isEqualTo(ClientStatus.SUSPENDED);
	}

	@Test
	void findWhenKilledOnThisNodeThenKillTimeAtOnce() {
		register("dev-2");
		assertThat(this.cache.find("dev-2").orElseThrow().record().tokensRevokedAtMs()).isNull();

		this.clients.revokeTokens(ClientKind.DEVICE, "dev-2", "test");

		assertThat(this.cache.find("dev-2").orElseThrow().record().tokensRevokedAtMs()).isNotNull();
	}

	@Test
	void findWhenRegisteredOnThisNodeAfterAMissThenFoundAtOnce() {
		assertThat(this.cache.find("dev-3")).isEmpty();

		register("dev-3");

		assertThat(this.cache.find("dev-3")).isPresent();
	}

	private void register(String id) {
		this.clients.register(ClientKind.DEVICE, RegistrationJson.read("""
				{"id": "%s", "model": "KF-TEST", "token_endpoint_auth_method": "client_secret_basic",
				 "allowed_scopes": ["telemetry:write"], "allowed_resources": ["https://localhost:8444"]}
				""".formatted(id)), "test");
	}

}
