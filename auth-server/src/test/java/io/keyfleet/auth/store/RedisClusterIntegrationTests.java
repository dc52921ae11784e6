package io.keyfleet.auth.store;

import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.keyfleet.auth.support.ClientAssertions;
import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.OAuthClient;
import io.keyfleet.auth.support.TestDevices;
import io.keyfleet.auth.support.TestRedisCluster;
import io.keyfleet.auth.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same server on a three-master Redis Cluster: registry scripts (one hash tag),
 * pipelined rate limits and replay checks spread over the shards, cache invalidation by
 * cluster-wide pub/sub.
 */
class RedisClusterIntegrationTests {

	private static TestRedisCluster cluster;

	private static TestServer server;

	@BeforeAll
	static void start() {
		cluster = TestRedisCluster.start();
		server = TestServer.start(Map.of("keyfleet.redis.url", cluster.url(), "keyfleet.redis.cluster", "true"));
	}

	@AfterAll
	static void stop() {
		if (server != null) {
			server.close();
		}
		cluster.close();
	}

	@Test
	void tokenLifecycleWhenOnARedisClusterThenSameBehaviourAsStandalone() throws Exception {
		Http http = new Http(server);
		OAuthClient oauth = new OAuthClient(server);
		String admin = oauth.adminToken();
		ECKey key = TestDevices.ecKey("k1");
		String id = TestDevices.newId("cluster");
		TestDevices.register(http, admin, TestDevices.standard(id, "private_key_jwt", TestDevices.jwks(key)));
		String assertion = ClientAssertions.forClient(id, server.issuer()).signed(key);

		var issued = oauth.token(new PrivateKeyJWT(SignedJWT.parse(assertion)));
		var replayed = oauth.token(new PrivateKeyJWT(SignedJWT.parse(assertion)));

		assertThat(issued.indicatesSuccess()).isTrue();
		assertThat(replayed.indicatesSuccess()).isFalse();
		String token = issued.toSuccessResponse().getTokens().getAccessToken().getValue();
		ClientSecretBasic adminAuth = new ClientSecretBasic(new ClientID("fleet-admin"), new Secret(server.adminSecret()));
		assertThat(oauth.introspect(adminAuth, token).toSuccessResponse().isActive()).isTrue();
		assertThat(http.post("/api/v1/devices/" + id + "/suspend", admin, null, "").status()).isEqualTo(204);
		assertThat(oauth.introspect(adminAuth, token).toSuccessResponse().isActive()).isFalse();
		assertThat(oauth.token(new PrivateKeyJWT(new ClientID(id), oauth.tokenEndpoint(), JWSAlgorithm.ES256,
				key.toECPrivateKey(), "k1", null)).indicatesSuccess()).isFalse();
		assertThat(http.get("/api/v1/devices?limit=10", admin).json().get("items").size()).isGreaterThanOrEqualTo(1);
		assertThat(List.of(http.get("/actuator/health", null).status())).containsExactly(200);
	}

}
