package io.keyfleet.auth.ratelimit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.OAuthClient;
import io.keyfleet.auth.support.TestDevices;
import io.keyfleet.auth.support.TestRedis;
import io.keyfleet.auth.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits on a server configured with small ones: a burst of 3 per client, 5 per
 * source address for challenges; over the limit → {@code 429 slow_down} with
 * {@code Retry-After}, counted in Redis so they hold across nodes.
 */
class RateLimitIntegrationTests {

	private static TestServer server;

	private static Http http;

	private static String admin;

	@BeforeAll
	static void start() {
		server = TestServer.start(Map.of("keyfleet.redis.key-prefix", TestRedis.prefix() + "rl:",
				"keyfleet.rate-limit.token-per-client-rate", "0.2", "keyfleet.rate-limit.token-per-client-burst", "3",
				"keyfleet.rate-limit.challenge-per-address-rate", "0.2",
				"keyfleet.rate-limit.challenge-per-address-burst", "5", "keyfleet.rate-limit.est-per-address-rate", "0.2",
				"keyfleet.rate-limit.est-per-address-burst", "3"));
		http = new Http(server);
		admin = new OAuthClient(server).adminToken();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void tokenWhenSecretsAreBruteForcedThenSlowDownAfterTheBurst() {
		JsonNode device = TestDevices.register(http, admin,
				TestDevices.standard(TestDevices.newId("rl"), "client_secret_basic", null));
		String wrong = basic(device.get("id").asString(), "guess");

		for (int i = 0; i < 3; i++) {
			assertThat(http.form("/oauth2/token", wrong, "grant_type=client_credentials").status()).isEqualTo(401);
		}
		Http.Response limited = http.form("/oauth2/token", wrong, "grant_type=client_credentials");
		Http.Response evenWithTheRightSecret = http.form("/oauth2/token",
				basic(device.get("id").asString(), device.get("client_secret").asString()), "grant_type=client_credentials");

		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.json().get("error").asString()).isEqualTo("slow_down");
		assertThat(limited.header("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 10));
		assertThat(evenWithTheRightSecret.status()).isEqualTo(429);
	}

	@Test
	void tokenWhenOneClientIsLimitedThenOthersAreNot() {
		JsonNode noisy = TestDevices.register(http, admin,
				TestDevices.standard(TestDevices.newId("rl"), "client_secret_basic", null));
		JsonNode quiet = TestDevices.register(http, admin,
				TestDevices.standard(TestDevices.newId("rl"), "client_secret_basic", null));
		String noisyAuth = basic(noisy.get("id").asString(), noisy.get("client_secret").asString());
		for (int i = 0; i < 4; i++) {
			http.form("/oauth2/token", noisyAuth, "grant_type=client_credentials");
		}

		Http.Response response = http.form("/oauth2/token",
				basic(quiet.get("id").asString(), quiet.get("client_secret").asString()), "grant_type=client_credentials");

		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void challengeWhenSourceAddressExceedsItsLimitThenSlowDown() {
		int refused = 0;
		for (int i = 0; i < 8; i++) {
			Http.Response response = http.post("/oauth2/challenge", null, null, "");
			if (response.status() == 429) {
				refused++;
				assertThat(response.json().get("error").asString()).isEqualTo("slow_down");
				assertThat(response.header("Retry-After")).isPresent();
			}
			else {
				assertThat(response.status()).isEqualTo(200);
				assertThat(response.json().get("attestation_challenge").asString()).hasSize(43);
			}
		}
		assertThat(refused).isGreaterThanOrEqualTo(3);
	}

	@Test
	void estEnrollmentWhenSourceAddressExceedsItsLimitThenSlowDown() {
		int refused = 0;
		for (int i = 0; i < 6; i++) {
			// unauthenticated: charged all the same, since guessing tokens is what the limit stops
			Http.Response response = http.post("/.well-known/est/simpleenroll", null, "application/pkcs10", "AAAA");
			if (response.status() == 429) {
				refused++;
				assertThat(response.header("Retry-After")).isPresent();
			}
			else {
				assertThat(response.status()).isEqualTo(401);
			}
		}
		assertThat(refused).isGreaterThanOrEqualTo(2);
		assertThat(http.get("/.well-known/est/cacerts", null).status()).isEqualTo(200);
	}

	@Test
	void adminApiWhenCalledOftenThenNotRateLimited() {
		for (int i = 0; i < 10; i++) {
			assertThat(http.get("/api/v1/devices?limit=1", admin).status()).isEqualTo(200);
		}
	}

	private static String basic(String id, String secret) {
		return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

}
