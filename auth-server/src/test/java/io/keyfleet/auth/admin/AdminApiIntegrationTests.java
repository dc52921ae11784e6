package io.keyfleet.auth.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.BeforeAll;
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
 * The admin API over real HTTPS: registry operations, lifecycle actions, bulk import,
 * RFC 9457 problems for every error, and its own bearer-token protection.
 */
class AdminApiIntegrationTests {

	private static TestServer server;

	private static Http http;

	private static OAuthClient oauth;

	private static String admin;

	@BeforeAll
	static void start() {
		Harness harness = Harness.shared();
		server = harness.server();
		http = harness.http();
		oauth = harness.oauth();
		admin = harness.admin();
	}

	@Test
	void registerWhenValidThenCreatedWithLocationAndSecretShownOnce() {
		String id = TestDevices.newId("adm");

		Http.Response created = http.postJson("/api/v1/devices", admin,
				json(TestDevices.standard(id, "client_secret_basic", null)));

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Location")).hasValue("/api/v1/devices/" + id);
		JsonNode body = created.json();
		assertThat(body.get("status").asString()).isEqualTo("active");
		String secret = body.get("client_secret").asString();
		assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
		JsonNode fetched = http.get("/api/v1/devices/" + id, admin).json();
		assertThat(fetched.has("client_secret")).isFalse();
		assertThat(fetched.get("model").asString()).isEqualTo("KF-EDGE-100");
		assertThat(storedRecord(id)).doesNotContain(secret).contains("sha256:");
	}

	@Test
	void registerWhenClientSecretJwtThenKeyStoredEncryptedNotInClear() {
		String id = TestDevices.newId("adm");

		JsonNode body = TestDevices.register(http, admin, TestDevices.standard(id, "client_secret_jwt", null));

		String record = storedRecord(id);
		assertThat(record).doesNotContain(body.get("client_secret").asString()).contains("\"secret_ciphertext\":\"v1.");
	}

	@Test
	void registerWhenIdTakenThenConflictProblem() {
		String id = TestDevices.newId("adm");
		TestDevices.register(http, admin, TestDevices.standard(id, "client_secret_basic", null));

		Http.Response again = http.postJson("/api/v1/devices", admin, json(TestDevices.standard(id, "client_secret_basic", null)));

		assertProblem(again, 409, "conflict");
	}

	@Test
	void registerWhenBodyIsNotJsonThenBadRequestProblem() {
		assertProblem(http.postJson("/api/v1/devices", admin, "{\"id\": "), 400, "invalid-request");
	}

	@Test
	void registerWhenWrongTypesThenBadRequestNamingTheField() {
		Map<String, Object> body = TestDevices.standard(TestDevices.newId("adm"), "client_secret_basic", null);
		body.put("allowed_scopes", "telemetry:write");

		Http.Response response = http.postJson("/api/v1/devices", admin, json(body));

		assertProblem(response, 400, "invalid-request");
		assertThat(response.json().get("detail").asString()).contains("allowed_scopes");
	}

	@Test
	void registerWhenUnknownAuthMethodThenBadRequest() {
		Http.Response response = http.postJson("/api/v1/devices", admin,
				json(TestDevices.standard(TestDevices.newId("adm"), "password", null)));

		assertProblem(response, 400, "invalid-request");
		assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("token_endpoint_auth_method");
	}

	@Test
	void registerWhenUnknownFieldThenBadRequest() {
		Map<String, Object> body = TestDevices.standard(TestDevices.newId("adm"), "client_secret_basic", null);
		body.put("allowed_scope", List.of("typo"));

		assertProblem(http.postJson("/api/v1/devices", admin, json(body)), 400, "invalid-request");
	}

	@Test
	void registerWhenBadIdThenBadRequest() {
		assertProblem(http.postJson("/api/v1/devices", admin,
				json(TestDevices.standard("dev 1/../x", "client_secret_basic", null))), 400, "invalid-request");
	}

	@Test
	void registerWhenJwksHoldsAPrivateKeyThenBadRequest() {
		ECKey key = TestDevices.ecKey("k1");
		Map<String, Object> body = TestDevices.standard(TestDevices.newId("adm"), "private_key_jwt",
				Map.of("keys", List.of(key.toJSONObject())));

		Http.Response response = http.postJson("/api/v1/devices", admin, json(body));

		assertProblem(response, 400, "invalid-request");
		assertThat(response.body()).contains("public keys only").doesNotContain(key.getD().toString());
	}

	@Test
	void registerWhenDeviceAsksForAdminScopeThenBadRequest() {
		Map<String, Object> body = TestDevices.registration(TestDevices.newId("adm"), "client_secret_basic", null,
				List.of("fleet:admin"), List.of(TestDevices.RESOURCE));

		assertProblem(http.postJson("/api/v1/devices", admin, json(body)), 400, "invalid-request");
	}

	@Test
	void getWhenUnknownThenNotFoundProblem() {
		assertProblem(http.get("/api/v1/devices/nope-" + TestDevices.newId("x"), admin), 404, "not-found");
	}

	@Test
	void listWhenDevicesAreAddedWhilePagingThenEveryDeviceAppearsExactlyOnce() {
		List<String> before = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			String id = TestDevices.newId("page");
			TestDevices.register(http, admin, TestDevices.standard(id, "client_secret_basic", null));
			before.add(id);
		}
		List<String> seen = new ArrayList<>();
		List<String> addedDuring = new ArrayList<>();
		String cursor = null;
		do {
			Http.Response page = http.get("/api/v1/devices?limit=5" + ((cursor != null) ? "&cursor=" + cursor : ""), admin);
			assertThat(page.status()).isEqualTo(200);
			page.json().get("items").forEach(item -> seen.add(item.get("id").asString()));
			JsonNode next = page.json().get("next_cursor");
			cursor = (next == null || next.isNull()) ? null : next.asString();
			if (cursor != null && addedDuring.size() < 4) {
				String id = TestDevices.newId("page");
				TestDevices.register(http, admin, TestDevices.standard(id, "client_secret_basic", null));
				addedDuring.add(id);
			}
		}
		while (cursor != null);

		assertThat(seen).doesNotHaveDuplicates();
		assertThat(seen).containsAll(before).containsAll(addedDuring);
	}

	@Test
	void listWhenCursorIsForgedThenBadRequest() {
		assertProblem(http.get("/api/v1/devices?cursor=bm9wZQ", admin), 400, "invalid-request");
		assertProblem(http.get("/api/v1/devices?limit=0", admin), 400, "invalid-request");
		assertProblem(http.get("/api/v1/devices?limit=5000", admin), 400, "invalid-request");
	}

	@Test
	void patchWhenMergePatchThenFieldsChangeAndNullRemoves() {
		String id = TestDevices.newId("adm");
		TestDevices.register(http, admin, TestDevices.standard(id, "client_secret_basic", null));

		Http.Response patched = http.patch("/api/v1/devices/" + id, admin, "application/merge-patch+json",
				"{\"allowed_scopes\":[\"config:read\"],\"labels\":null}");

		assertThat(patched.status()).isEqualTo(200);
		assertThat(patched.json().get("allowed_scopes").get(0).asString()).isEqualTo("config:read");
		assertThat(patched.json().get("allowed_scopes").size()).isEqualTo(1);
		assertThat(patched.json().get("labels").size()).isZero();
		assertThat(patched.json().has("client_secret")).isFalse();
	}

	@Test
	void patchWhenSwitchingToASecretMethodThenNewSecretReturnedOnceAndItWorks() {
		ECKey key = TestDevices.ecKey("k1");
		String id = TestDevices.newId("adm");
		TestDevices.register(http, admin, TestDevices.standard(id, "private_key_jwt", TestDevices.jwks(key)));

		Http.Response patched = http.patch("/api/v1/devices/" + id, admin, "application/merge-patch+json",
				"{\"token_endpoint_auth_method\":\"client_secret_basic\",\"jwks\":null}");

		assertThat(patched.status()).as(patched.body()).isEqualTo(200);
		String secret = patched.json().get("client_secret").asString();
		assertThat(oauth.token(new ClientSecretBasic(new ClientID(id), new Secret(secret))).indicatesSuccess()).isTrue();
	}

	@Test
	void patchWhenInvalidThenBadRequestAndNothingChanges() {
		String id = TestDevices.newId("adm");
		TestDevices.register(http, admin, TestDevices.standard(id, "client_secret_basic", null));

		assertProblem(http.patch("/api/v1/devices/" + id, admin, "application/merge-patch+json", "{\"id\":\"other\"}"), 400,
				"invalid-request");
		assertProblem(http.patch("/api/v1/devices/" + id, admin, "application/merge-patch+json", "{\"status\":\"active\"}"),
				400, "invalid-request");
		assertProblem(http.patch("/api/v1/devices/" + id, admin, "application/merge-patch+json",
				"{\"allowed_resources\":[]}"), 400, "invalid-request");
		assertThat(http.get("/api/v1/devices/" + id, admin).json().get("allowed_resources").size()).isEqualTo(2);
	}

	@Test
	void retireWhenDeletedThenReadsRetiredAndIdCannotBeReused() {
		String id = TestDevices.newId("adm");
		TestDevices.register(http, admin, TestDevices.standard(id, "client_secret_basic", null));

		assertThat(http.delete("/api/v1/devices/" + id, admin).status()).isEqualTo(204);

		assertThat(http.get("/api/v1/devices/" + id, admin).json().get("status").asString()).isEqualTo("retired");
		assertProblem(http.postJson("/api/v1/devices", admin, json(TestDevices.standard(id, "client_secret_basic", null))),
				409, "conflict");
		assertProblem(http.post("/api/v1/devices/" + id + "/resume", admin, null, ""), 409, "conflict");
		assertProblem(http.patch("/api/v1/devices/" + id, admin, "application/merge-patch+json", "{\"labels\":{}}"), 409,
				"conflict");
	}

	@Test
	void actionsWhenUnknownDeviceThenNotFound() {
		for (String action : List.of("suspend", "resume", "revoke-tokens")) {
			assertProblem(http.post("/api/v1/devices/ghost-" + action + "/" + action, admin, null, ""), 404, "not-found");
		}
		assertProblem(http.delete("/api/v1/devices/ghost", admin), 404, "not-found");
	}

	@Test
	void importWhenNdjsonThenGoodLinesCreatedAndBadLinesReportedByNumber() {
		String a = TestDevices.newId("imp");
		String b = TestDevices.newId("imp");
		String invalid = TestDevices.newId("imp");
		String ndjson = String.join("\n", json(TestDevices.standard(a, "client_secret_basic", null)), "",
				"{not json", json(TestDevices.standard(b, "private_key_jwt", TestDevices.jwks(TestDevices.ecKey("k")))),
				json(TestDevices.standard(a, "client_secret_basic", null)),
				json(TestDevices.registration(invalid, "client_secret_basic", null, List.of("x"), List.of())), "");

		Http.Response response = http.post("/api/v1/devices:import", admin, "application/x-ndjson", ndjson);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("created").asInt()).isEqualTo(2);
		List<Integer> failedLines = new ArrayList<>();
		List<Integer> statuses = new ArrayList<>();
		body.get("failed").forEach(f -> {
			failedLines.add(f.get("line").asInt());
			statuses.add(f.get("status").asInt());
		});
		assertThat(failedLines).containsExactly(3, 5, 6);
		assertThat(statuses).containsExactly(400, 409, 400);
		assertThat(body.get("credentials").size()).isEqualTo(1);
		assertThat(body.get("credentials").get(0).get("id").asString()).isEqualTo(a);
		assertThat(http.get("/api/v1/devices/" + b, admin).status()).isEqualTo(200);
		assertThat(http.get("/api/v1/devices/" + invalid, admin).status()).isEqualTo(404);
	}

	@Test
	void importWhenWrongContentTypeThenUnsupportedMediaTypeProblem() {
		Http.Response response = http.post("/api/v1/devices:import", admin, "application/json", "{}");

		assertThat(response.status()).isEqualTo(415);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void serviceClientsWhenRegisteredThenSeparateFromDevices() {
		String id = TestDevices.newId("svc");
		Map<String, Object> body = new LinkedHashMap<>(TestDevices.standard(id, "client_secret_basic", null));
		body.remove("model");

		Http.Response created = http.postJson("/api/v1/clients", admin, json(body));

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.header("Location")).hasValue("/api/v1/clients/" + id);
		assertThat(http.get("/api/v1/clients/" + id, admin).status()).isEqualTo(200);
		assertThat(http.get("/api/v1/devices/" + id, admin).status()).isEqualTo(404);
		body.put("model", "KF-EDGE-100");
		body.put("id", TestDevices.newId("svc"));
		assertProblem(http.postJson("/api/v1/clients", admin, json(body)), 400, "invalid-request");
	}

	@Test
	void adminApiWhenNoTokenThenUnauthorizedWithBearerChallenge() {
		Http.Response response = http.get("/api/v1/devices", null);

		assertProblem(response, 401, "unauthorized");
		assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
	}

	@Test
	void adminApiWhenDeviceTokenThenForbiddenOrUnauthorized() {
		JsonNode device = TestDevices.register(http, admin, TestDevices.registration(TestDevices.newId("adm"),
				"client_secret_basic", null, List.of("telemetry:write"), List.of(server.issuer())));
		String token = oauth.token(new ClientSecretBasic(new ClientID(device.get("id").asString()),
				new Secret(device.get("client_secret").asString())))
			.toSuccessResponse()
			.getTokens()
			.getAccessToken()
			.getValue();

		Http.Response response = http.get("/api/v1/devices", token);

		assertProblem(response, 403, "forbidden");
		assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("insufficient_scope"));
	}

	@Test
	void adminApiWhenTokenForAnotherAudienceThenUnauthorized() {
		JsonNode service = registerServiceWithAdminScope(List.of(TestDevices.RESOURCE));
		String token = oauth.token(new ClientSecretBasic(new ClientID(service.get("id").asString()),
				new Secret(service.get("client_secret").asString())))
			.toSuccessResponse()
			.getTokens()
			.getAccessToken()
			.getValue();

		assertProblem(http.get("/api/v1/devices", token), 401, "unauthorized");
	}

	@Test
	void adminApiWhenAdminTokenKilledThenUnauthorized() {
		JsonNode service = registerServiceWithAdminScope(List.of(server.issuer()));
		ClientSecretBasic auth = new ClientSecretBasic(new ClientID(service.get("id").asString()),
				new Secret(service.get("client_secret").asString()));
		String token = oauth.token(auth).toSuccessResponse().getTokens().getAccessToken().getValue();
		assertThat(http.get("/api/v1/devices?limit=1", token).status()).isEqualTo(200);

		assertThat(http.post("/api/v1/clients/" + service.get("id").asString() + "/revoke-tokens", admin, null, "").status())
			.isEqualTo(204);

		assertProblem(http.get("/api/v1/devices?limit=1", token), 401, "unauthorized");
	}

	@Test
	void openApiWhenRequestedThenDescribesTheAdminApi() {
		Http.Response response = http.get("/v3/api-docs", null);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("paths").has("/api/v1/devices")).isTrue();
		assertThat(response.json().get("paths").has("/api/v1/devices:import")).isTrue();
	}

	@Test
	void prometheusWhenTokensIssuedAndRefusedThenCountersAndLatencyHistogram() {
		oauth.adminToken();
		http.form("/oauth2/token", null, "grant_type=client_credentials");

		String metrics = http.get("/actuator/prometheus", null).body();

		assertThat(metrics).contains("keyfleet_tokens_issued_total{").contains("auth_method=\"client_secret_basic\"");
		assertThat(metrics).contains("keyfleet_tokens_refused_total{").contains("error=\"invalid_client\"");
		assertThat(metrics).contains("keyfleet_token_latency_seconds_bucket{");
		assertThat(metrics).doesNotContain(server.adminSecret());
	}

	@Test
	void healthWhenRedisUpThenUpWithStateStoreComponent() {
		Http.Response response = http.get("/actuator/health", null);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("components").get("stateStore").get("status").asString()).isEqualTo("UP");
	}

	@Test
	void otherActuatorEndpointsWhenRequestedThenNotExposed() {
		assertThat(http.get("/actuator/env", null).status()).isEqualTo(404);
		assertThat(http.get("/actuator/beans", null).status()).isEqualTo(404);
	}

	private static JsonNode registerServiceWithAdminScope(List<String> resources) {
		Map<String, Object> body = new LinkedHashMap<>(TestDevices.registration(TestDevices.newId("svc"),
				"client_secret_basic", null, List.of("fleet:admin"), resources));
		body.remove("model");
		Http.Response created = http.postJson("/api/v1/clients", admin, json(body));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json();
	}

	private static void assertProblem(Http.Response response, int status, String type) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		JsonNode body = response.json();
		assertThat(body.get("type").asString()).isEqualTo("https://keyfleet.io/problems/" + type);
		assertThat(body.get("status").asInt()).isEqualTo(status);
		assertThat(response.body()).doesNotContain("Exception");
	}

	private static String storedRecord(String id) {
		RedisClient client = RedisClient.create(TestRedis.url());
		try (var connection = client.connect()) {
			return connection.sync().get(TestRedis.prefix() + "{registry}:client:" + id);
		}
		finally {
			client.shutdown();
		}
	}

	private static String json(Object value) {
		return Http.JSON.writeValueAsString(value);
	}


}
