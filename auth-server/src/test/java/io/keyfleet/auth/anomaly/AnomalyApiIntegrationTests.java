package io.keyfleet.auth.anomaly;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.keyfleet.auth.support.Harness;
import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.OAuthClient;
import io.keyfleet.auth.support.TestDevices;
import io.keyfleet.auth.support.TestRedis;
import io.keyfleet.auth.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running server's detector fed through the real stream ({@code <prefix>events}, events
 * appended as the producers append them), its responses (quarantine, step-up), and the
 * admin API over the anomalies it records.
 */
class AnomalyApiIntegrationTests {

	private static final long MINUTE = 60_000;

	private static final String PREFIX = TestRedis.prefix() + "anomaly-api:";

	private static TestServer server;

	private static Harness harness;

	private final Http http = harness.http();

	private final String admin = harness.admin();

	private RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	/** Its own server: the shared one only flags (see TestServer#shared). */
	@BeforeAll
	static void start() {
		server = TestServer.start(Map.of("keyfleet.redis.key-prefix", PREFIX));
		OAuthClient oauth = new OAuthClient(server);
		harness = new Harness(server, new Http(server), oauth, oauth.adminToken());
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@BeforeEach
	void connect() {
		this.client = RedisClient.create(TestRedis.url());
		this.connection = this.client.connect();
	}

	@AfterEach
	void close() {
		this.connection.close();
		this.client.shutdown();
	}

	@Test
	void cloneWhenDetectedThenDeviceQuarantinedRefusedUntilResumedAndListed() throws Exception {
		String id = TestDevices.newId("cloned");
		ClientSecretBasic auth = registerDevice(id);
		assertThat(harness.oauth().token(auth).indicatesSuccess()).isTrue();

		cloneSequence(id, "device");

		JsonNode device = eventually(() -> device(id), d -> "quarantined".equals(d.get("status").asString()));
		assertThat(device.get("status").asString()).isEqualTo("quarantined");
		// clone (90) and new_source (50): 100 × (1 − 0.1 × 0.5)
		assertThat(device.get("risk_score").asInt()).isEqualTo(95);
		assertThat(device.get("anomalies").findValuesAsString("kind")).containsExactly("clone", "new_source");
		assertThat(device.get("tokens_revoked_at").asString()).isNotNull();
		assertThat(standing(id).get("status").asString()).isEqualTo("quarantined");
		TokenResponse refused = harness.oauth().token(auth);
		assertThat(refused.indicatesSuccess()).isFalse();
		assertThat(refused.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_client");
		assertThat(refused.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(401);

		JsonNode listed = list("device=" + id);
		assertThat(listed.get("items").findValuesAsString("kind")).containsExactly("clone", "new_source");
		JsonNode clone = listed.get("items").get(0);
		assertThat(clone.get("action").asString()).isEqualTo("quarantine");
		assertThat(clone.get("device").asString()).isEqualTo(id);
		assertThat(clone.get("score").asInt()).isEqualTo(90);
		assertThat(clone.get("status").asString()).isEqualTo("open");
		assertThat(clone.get("evidence").get("addresses").toString()).contains("127.0.0.1", "127.0.0.2");
		assertThat(Instant.parse(clone.get("detected_at").asString())).isBefore(Instant.now().plusSeconds(1));
		assertThat(listed.get("items").get(1).get("action").asString()).isEqualTo("flag");

		assertThat(this.http.post("/api/v1/devices/" + id + "/resume", this.admin, null, "").status()).isEqualTo(204);
		assertThat(harness.oauth().token(auth).indicatesSuccess()).isTrue();
		assertThat(device(id).get("status").asString()).isEqualTo("active");
		assertThat(standing(id).get("status").asString()).isEqualTo("active");
	}

	@Test
	void listWhenPagedAndFilteredThenNewestFirstEachOnce() throws Exception {
		String id = TestDevices.newId("paged");
		registerDevice(id);
		cloneSequence(id, "device");
		eventually(() -> list("device=" + id), body -> body.get("items").size() == 2);

		JsonNode first = list("device=" + id + "&limit=1");
		assertThat(first.get("items").findValuesAsString("kind")).containsExactly("clone");
		String cursor = first.get("next_cursor").asString();
		JsonNode second = list("device=" + id + "&limit=1&cursor=" + cursor);
		assertThat(second.get("items").findValuesAsString("kind")).containsExactly("new_source");
		assertThat(second.get("next_cursor").isNull()).isTrue();

		assertThat(list("device=" + id + "&kind=new_source").get("items").findValuesAsString("kind"))
			.containsExactly("new_source");
		assertThat(list("kind=clone").get("items").findValuesAsString("device")).contains(id);
		String detectedAt = first.get("items").get(0).get("detected_at").asString();
		assertThat(list("device=" + id + "&since=" + encode(detectedAt)).get("items").findValuesAsString("kind"))
			.contains("clone");
		assertThat(list("device=" + id + "&since=" + encode(Instant.now().plusSeconds(3600).toString())).get("items"))
			.isEmpty();
		assertThat(list("device=" + id + "&since=" + encode("2020-01-01T00:00:00+02:00")).get("items")).hasSize(2);
	}

	@Test
	void resolveWhenOpenThenClosedIdempotentlyAndRiskFalls() throws Exception {
		String id = TestDevices.newId("resolved");
		registerDevice(id);
		cloneSequence(id, "device");
		JsonNode items = eventually(() -> list("device=" + id), body -> body.get("items").size() == 2).get("items");
		String cloneId = items.get(0).get("id").asString();

		assertThat(this.http.post("/api/v1/anomalies/" + cloneId + "/resolve", this.admin, null, "").status())
			.isEqualTo(204);
		assertThat(this.http.post("/api/v1/anomalies/" + cloneId + "/resolve", this.admin, null, "").status())
			.isEqualTo(204);

		JsonNode device = device(id);
		assertThat(device.get("risk_score").asInt()).isEqualTo(50);
		assertThat(device.get("anomalies").findValuesAsString("kind")).containsExactly("new_source");
		JsonNode resolved = list("device=" + id + "&kind=clone").get("items").get(0);
		assertThat(resolved.get("status").asString()).isEqualTo("resolved");
		assertThat(resolved.get("resolved_at").asString()).isNotBlank();
		Http.Response unknown = this.http.post("/api/v1/anomalies/an_000000000000000000000000/resolve", this.admin,
				null, "");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.contentType()).startsWith("application/problem+json");
		assertThat(this.http.post("/api/v1/anomalies/not-an-id/resolve", this.admin, null, "").status()).isEqualTo(404);
	}

	@Test
	void attestationChangeWhenDetectedThenDeviceSteppedUp() throws Exception {
		String id = TestDevices.newId("measured");
		registerDevice(id);
		long now = System.currentTimeMillis();
		append(TestEvents.attestation(id, now - MINUTE, "affirming", "e1", "p1").device());
		append(TestEvents.attestation(id, now, "affirming", "e2", "p1").device());

		JsonNode anomaly = eventually(() -> list("device=" + id), body -> body.get("items").size() == 1)
			.get("items")
			.get(0);
		assertThat(anomaly.get("kind").asString()).isEqualTo("attestation_change");
		assertThat(anomaly.get("action").asString()).isEqualTo("step_up");
		// the response follows the record: wait for it
		assertThat(eventually(() -> standing(id), s -> s.get("attestation_reset_at_ms").asLong() > 0)
			.get("attestation_reset_at_ms")
			.asLong()).isGreaterThan(0);
		assertThat(device(id).get("status").asString()).isEqualTo("active");
	}

	@Test
	void cloneWhenClientIsAServiceThenFlaggedOnly() throws Exception {
		String id = TestDevices.newId("svc");
		Map<String, Object> service = new LinkedHashMap<>(TestDevices.standard(id, "client_secret_basic", null));
		service.remove("model");
		Http.Response registered = this.http.postJson("/api/v1/clients", this.admin, Http.JSON.writeValueAsString(service));
		assertThat(registered.status()).as(registered.body()).isEqualTo(201);

		cloneSequence(id, "service");

		JsonNode clone = eventually(() -> list("device=" + id + "&kind=clone"), body -> body.get("items").size() == 1)
			.get("items")
			.get(0);
		assertThat(clone.get("action").asString()).isEqualTo("flag");
		assertThat(this.http.get("/api/v1/clients/" + id, this.admin).json().get("status").asString())
			.isEqualTo("active");
	}

	@Test
	void listWhenParametersInvalidThenProblemDetails() {
		for (String query : List.of("limit=0", "limit=1001", "limit=ten", "kind=bogus", "since=yesterday",
				"since=2026-01-31", "since=" + encode("+999999999-01-01T00:00:00Z"), "cursor=bm90LWEtY3Vyc29y", "cursor=%21%21", "device=" + encode("no spaces"))) {
			Http.Response response = this.http.get("/api/v1/anomalies?" + query, this.admin);
			assertThat(response.status()).as(query).isEqualTo(400);
			assertThat(response.contentType()).as(query).startsWith("application/problem+json");
		}
		assertThat(this.http.get("/api/v1/anomalies", null).status()).isEqualTo(401);
	}

	/** Six tokens from .1 three minutes apart (stationary), then .2 and .1 again: A..B..A. */
	private void cloneSequence(String id, String kind) {
		long now = System.currentTimeMillis();
		for (int i = 6; i > 0; i--) {
			append(TestEvents.issued(id, now - i * 3 * MINUTE).address("127.0.0.1").with("kind", kind));
		}
		append(TestEvents.issued(id, now - 1000).address("127.0.0.2").with("kind", kind));
		append(TestEvents.issued(id, now).address("127.0.0.1").with("kind", kind));
	}

	private void append(TestEvents event) {
		this.connection.sync().xadd(PREFIX + "events", event.fields());
	}

	private ClientSecretBasic registerDevice(String id) {
		JsonNode device = TestDevices.register(this.http, this.admin, TestDevices.standard(id, "client_secret_basic", null));
		return new ClientSecretBasic(new ClientID(id), new Secret(device.get("client_secret").asString()));
	}

	private JsonNode device(String id) {
		Http.Response response = this.http.get("/api/v1/devices/" + id, this.admin);
		assertThat(response.status()).isEqualTo(200);
		return response.json();
	}

	/** What resource guards read of the client (docs/guard-state.md). */
	private JsonNode standing(String id) {
		return Http.JSON.readTree(this.connection.sync().get(PREFIX + "{registry}:standing:" + id));
	}

	private JsonNode list(String query) {
		Http.Response response = this.http.get("/api/v1/anomalies?" + query, this.admin);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static <T> T eventually(Supplier<T> read, java.util.function.Predicate<T> done) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		T value = read.get();
		while (!done.test(value) && System.nanoTime() < deadline) {
			Thread.sleep(50);
			value = read.get();
		}
		return value;
	}

}
