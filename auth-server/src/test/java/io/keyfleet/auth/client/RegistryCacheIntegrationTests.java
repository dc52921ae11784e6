package io.keyfleet.auth.client;

import java.util.Map;

import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.OAuthClient;
import io.keyfleet.auth.support.TestDevices;
import io.keyfleet.auth.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes of one deployment: a change made through one node's admin API takes effect
 * on the other node's very next request, although the other node serves its clients from
 * its in-memory cache.
 */
class RegistryCacheIntegrationTests {

	private static TestServer second;

	@BeforeAll
	static void start() {
		// another node of the same deployment: same keys, same Redis, same issuer
		TestServer first = TestServer.shared();
		second = TestServer.start(Map.of("keyfleet.data-dir", first.dataDir().toString(), "keyfleet.issuer", first.issuer()));
	}

	@AfterAll
	static void stop() {
		second.close();
	}

	@Test
	void tokenWhenSuspendedOnOneNodeThenRefusedAtOnceOnTheOther() {
		TestServer first = TestServer.shared();
		Http adminApi = new Http(first);
		String admin = new OAuthClient(first).adminToken();
		JsonNode device = TestDevices.register(adminApi, admin,
				TestDevices.standard(TestDevices.newId("cache"), "client_secret_basic", null));
		ClientSecretBasic auth = new ClientSecretBasic(new ClientID(device.get("id").asString()),
				new Secret(device.get("client_secret").asString()));
		OAuthClient otherNode = new OAuthClient(second);
		assertThat(otherNode.token(auth).indicatesSuccess()).as("cached on the second node").isTrue();
		assertThat(second.context().getBean(ResolvedClientCache.class).isLive()).isTrue();

		assertThat(adminApi.post("/api/v1/devices/" + device.get("id").asString() + "/suspend", admin, null, "").status())
			.isEqualTo(204);

		assertThat(otherNode.token(auth).indicatesSuccess()).isFalse();
	}

	@Test
	void tokenWhenSecretRotatedOnOneNodeThenOldSecretRefusedOnTheOther() {
		TestServer first = TestServer.shared();
		Http adminApi = new Http(first);
		String admin = new OAuthClient(first).adminToken();
		String id = TestDevices.newId("cache");
		JsonNode device = TestDevices.register(adminApi, admin, TestDevices.standard(id, "client_secret_basic", null));
		ClientSecretBasic old = new ClientSecretBasic(new ClientID(id), new Secret(device.get("client_secret").asString()));
		OAuthClient otherNode = new OAuthClient(second);
		assertThat(otherNode.token(old).indicatesSuccess()).isTrue();

		adminApi.patch("/api/v1/devices/" + id, admin, "application/merge-patch+json",
				"{\"token_endpoint_auth_method\":\"client_secret_jwt\"}");
		JsonNode rotated = adminApi.patch("/api/v1/devices/" + id, admin, "application/merge-patch+json",
				"{\"token_endpoint_auth_method\":\"client_secret_basic\"}").json();

		assertThat(otherNode.token(old).indicatesSuccess()).isFalse();
		assertThat(otherNode.token(new ClientSecretBasic(new ClientID(id), new Secret(rotated.get("client_secret").asString())))
			.indicatesSuccess()).isTrue();
	}

}
