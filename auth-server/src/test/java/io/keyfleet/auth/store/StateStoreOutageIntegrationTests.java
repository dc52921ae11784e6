package io.keyfleet.auth.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.OAuthClient;
import io.keyfleet.auth.support.TestCertificates;
import io.keyfleet.auth.support.TestRedis;
import io.keyfleet.auth.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis stopped mid-run and restarted: while it is gone every token request gets
 * {@code 503 temporarily_unavailable} and every admin call a 503 problem (fail closed, no
 * stack trace); when it is back, service resumes without a restart.
 */
class StateStoreOutageIntegrationTests {

	private static TestRedis.Private redis;

	private static TestServer server;

	@BeforeAll
	static void start() throws Exception {
		Path redisDir = Files.createTempDirectory("keyfleet-outage-redis-");
		redis = TestRedis.startPrivate(redisDir);
		server = TestServer.start(Map.of("keyfleet.redis.url", redis.url(), "keyfleet.redis.command-timeout", "500ms"));
	}

	@AfterAll
	static void stop() {
		server.close();
		redis.stop();
	}

	@Test
	void whenRedisStopsThenFailClosedAndWhenItReturnsThenServiceResumes() {
		Http http = new Http(server);
		OAuthClient oauth = new OAuthClient(server);
		ClientSecretBasic adminAuth = new ClientSecretBasic(new ClientID("fleet-admin"), new Secret(server.adminSecret()));
		String admin = oauth.adminToken();
		assertThat(http.get("/api/v1/devices?limit=1", admin).status()).isEqualTo(200);

		redis.stop();
		Http.Response token = http.form("/oauth2/token", adminAuth.toHTTPAuthorizationHeader(), "grant_type=client_credentials");
		Http.Response adminCall = http.get("/api/v1/devices?limit=1", admin);
		Http.Response challenge = http.post("/oauth2/challenge", null, null, "");
		Http.Response health = http.get("/actuator/health", null);
		Http.Response groups = http.get("/api/v1/enrollment-groups", admin);
		TestCertificates.Ca manufacturer = TestCertificates.newCa("CN=Outage Manufacturer CA");
		KeyPair factoryKey = TestCertificates.newKeyPair();
		Http.Response firstContact = new Http(server, TestCertificates.presenting(server, factoryKey.getPrivate(),
				TestCertificates.fromCa(manufacturer, factoryKey, "CN=outage-device")))
			.form("/oauth2/token", null, "grant_type=client_credentials&client_id=outage-device");

		assertThat(token.status()).isEqualTo(503);
		assertThat(token.json().get("error").asString()).isEqualTo("temporarily_unavailable");
		assertThat(token.header("Retry-After")).isPresent();
		assertThat(adminCall.status()).isEqualTo(503);
		assertThat(adminCall.contentType()).startsWith("application/problem+json");
		assertThat(challenge.status()).isEqualTo(503);
		assertThat(challenge.json().get("error").asString()).isEqualTo("temporarily_unavailable");
		assertThat(health.status()).isEqualTo(503);
		assertThat(groups.status()).isEqualTo(503);
		assertThat(groups.contentType()).startsWith("application/problem+json");
		assertThat(firstContact.status()).isEqualTo(503);
		assertThat(firstContact.json().get("error").asString()).isEqualTo("temporarily_unavailable");
		assertThat(token.body() + adminCall.body() + challenge.body()).doesNotContain("Exception").doesNotContain("at io.");

		redis.start();
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		int status = 0;
		while (Instant.now().isBefore(deadline) && status != 200) {
			status = http.form("/oauth2/token", adminAuth.toHTTPAuthorizationHeader(), "grant_type=client_credentials")
				.status();
			sleep();
		}
		assertThat(status).as("token endpoint recovers by itself").isEqualTo(200);
		assertThat(http.get("/api/v1/devices?limit=1", oauth.adminToken()).status()).isEqualTo(200);
	}

	private static void sleep() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
