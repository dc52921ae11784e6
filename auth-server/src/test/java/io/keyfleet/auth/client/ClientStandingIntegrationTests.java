package io.keyfleet.auth.client;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.keyfleet.auth.support.Harness;
import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.TestDevices;
import io.keyfleet.auth.support.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state resource guards read (docs/guard-state.md): each client's standing key,
 * written with its record, revocation markers, and a notice on {@code guard:invalidate}
 * for every change a guard may have cached.
 */
class ClientStandingIntegrationTests {

	private final Harness harness = Harness.shared();

	private RedisClient redis;

	private StatefulRedisPubSubConnection<String, String> subscription;

	private final BlockingQueue<String> notices = new LinkedBlockingQueue<>();

	@BeforeEach
	void subscribe() {
		this.redis = RedisClient.create(TestRedis.url());
		this.subscription = this.redis.connectPubSub();
		this.subscription.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(String channel, String message) {
				ClientStandingIntegrationTests.this.notices.add(message);
			}
		});
		this.subscription.sync().subscribe(TestRedis.prefix() + "guard:invalidate");
	}

	@AfterEach
	void close() {
		this.subscription.close();
		this.redis.shutdown();
	}

	@Test
	void standingWhenRegisteredAndSuspendedThenWrittenWithTheRecordAndAnnounced() throws Exception {
		String id = TestDevices.newId("standing");
		String key = TestRedis.prefix() + "{registry}:standing:" + id;
		TestDevices.register(this.harness.http(), this.harness.admin(),
				TestDevices.standard(id, "client_secret_basic", null));

		JsonNode created = standing(key);
		assertThat(created.get("status").asString()).isEqualTo("active");
		assertThat(created.get("kind").asString()).isEqualTo("device");
		assertThat(created.get("tokens_revoked_at_ms").asLong()).isZero();
		assertThat(awaitNotice(key)).isTrue();

		long before = System.currentTimeMillis();
		assertThat(this.harness.http().post("/api/v1/devices/" + id + "/suspend", this.harness.admin(), null, "").status())
			.isEqualTo(204);

		JsonNode suspended = standing(key);
		assertThat(suspended.get("status").asString()).isEqualTo("suspended");
		assertThat(suspended.get("tokens_revoked_at_ms").asLong()).isGreaterThanOrEqualTo(before);
		assertThat(awaitNotice(key)).isTrue();
	}

	@Test
	void revokeWhenATokenIsRevokedThenItsMarkerIsAnnouncedToGuards() throws Exception {
		String id = TestDevices.newId("standing");
		JsonNode device = TestDevices.register(this.harness.http(), this.harness.admin(),
				TestDevices.standard(id, "client_secret_basic", null));
		ClientSecretBasic auth = new ClientSecretBasic(new ClientID(id), new Secret(device.get("client_secret").asString()));
		String token = this.harness.oauth().token(auth).toSuccessResponse().getTokens().getAccessToken().getValue();
		String marker = TestRedis.prefix() + "revoked:" + SignedJWT.parse(token).getJWTClaimsSet().getJWTID();

		assertThat(this.harness.oauth().revoke(auth, token).getStatusCode()).isEqualTo(200);

		assertThat(awaitNotice(marker)).isTrue();
		try (var connection = this.redis.connect()) {
			assertThat(connection.sync().exists(marker)).isEqualTo(1);
		}
	}

	private JsonNode standing(String key) {
		try (var connection = this.redis.connect()) {
			String json = connection.sync().get(key);
			assertThat(json).as("standing key %s", key).isNotNull();
			return Http.JSON.readTree(json);
		}
	}

	private boolean awaitNotice(String key) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (System.nanoTime() < deadline) {
			String notice = this.notices.poll(100, TimeUnit.MILLISECONDS);
			if (key.equals(notice)) {
				return true;
			}
		}
		return false;
	}

}
