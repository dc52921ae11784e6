package io.keyfleet.auth.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.keyfleet.auth.support.Harness;
import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.OAuthClient;
import io.keyfleet.auth.support.TestDevices;
import io.keyfleet.auth.support.TestEvidence;
import io.keyfleet.auth.support.TestRedis;
import io.keyfleet.auth.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events stream end to end (docs/contract-as-built.md "Events stream"): requests to a
 * real server, then the stream read back with {@code XRANGE}.
 */
class EventsIntegrationTests {

	private static final String STREAM = TestRedis.prefix() + "events";

	private static Harness harness;

	@BeforeAll
	static void start() {
		harness = Harness.shared();
	}

	@Test
	void tokenWhenIssuedThenTokenIssuedEventNamesJtiScopeMethodAndBinding() throws Exception {
		ECKey key = TestDevices.ecKey("k1");
		String id = register(key);

		TokenResponse response = harness.oauth().token(auth(id, key), "telemetry:write", List.of(TestDevices.RESOURCE));

		String jti = SignedJWT.parse(response.toSuccessResponse().getTokens().getAccessToken().getValue())
			.getJWTClaimsSet()
			.getJWTID();
		Map<String, String> event = StreamEntries.await(STREAM, StreamEntries.of("token.issued", id));
		assertThat(event).containsEntry("jti", jti)
			.containsEntry("kind", "device")
			.containsEntry("scope", "telemetry:write")
			.containsEntry("auth_method", "private_key_jwt")
			.containsEntry("binding", "none")
			.containsEntry("address", "127.0.0.1")
			.doesNotContainKeys("att_status", "client_assertion", "access_token");
		assertThat(event.values()).noneMatch(v -> v.contains(response.toSuccessResponse()
			.getTokens()
			.getAccessToken()
			.getValue()));
	}

	@Test
	void tokenWhenRefusedThenTokenRefusedEventNamesTheClaimedClient() {
		String claimed = TestDevices.newId("nobody");

		TokenResponse response = harness.oauth()
			.token(new ClientSecretBasic(new ClientID(claimed), new Secret("wrong-secret-value")));

		assertThat(response.indicatesSuccess()).isFalse();
		Map<String, String> event = StreamEntries.await(STREAM, StreamEntries.of("token.refused", claimed));
		assertThat(event).containsEntry("error", "invalid_client")
			.containsEntry("auth_method", "client_secret_basic")
			.containsEntry("address", "127.0.0.1")
			.doesNotContainKey("kind");
		assertThat(event.values()).noneMatch(v -> v.contains("wrong-secret-value"));
	}

	@Test
	void suspendAndResumeThenAdminEventsAndOneLifecycleEventPerStatusChange() throws Exception {
		String id = register(TestDevices.ecKey("k1"));

		post("/api/v1/devices/" + id + "/suspend");
		post("/api/v1/devices/" + id + "/suspend");
		post("/api/v1/devices/" + id + "/resume");

		Map<String, String> admin = StreamEntries.await(STREAM,
				e -> "admin".equals(e.get("type")) && id.equals(e.get("target")) && "suspend".equals(e.get("action")));
		assertThat(admin).containsEntry("actor", "fleet-admin").containsEntry("outcome", "ok");
		StreamEntries.await(STREAM, e -> StreamEntries.of("lifecycle", id).test(e) && "active".equals(e.get("to")));
		// the second suspend changed nothing: no transition for it
		assertThat(StreamEntries.all(STREAM)).filteredOn(StreamEntries.of("lifecycle", id))
			.extracting(e -> e.get("from") + ">" + e.get("to") + " " + e.get("actor") + " " + e.get("reason") + " "
					+ e.get("kind"))
			.containsExactly("active>suspended fleet-admin suspend device", "suspended>active fleet-admin resume device");
	}

	@Test
	void attestWhenEvidenceAffirmingThenAttestationEventCarriesFingerprints() throws Exception {
		String model = "KF-EAT-" + TestDevices.newId("m");
		Http.Response policy = harness.http()
			.putJson("/api/v1/attestation-policies/" + model, harness.admin(),
					Http.JSON.writeValueAsString(TestEvidence.policy(model, 3600)));
		assertThat(policy.status()).isEqualTo(200);
		ECKey key = TestDevices.ecKey("k1");
		ECKey eatKey = TestDevices.ecKey("eat-1");
		String id = TestDevices.newId("att");
		Map<String, Object> registration = TestDevices.standard(id, "private_key_jwt", TestDevices.jwks(key));
		registration.put("model", model);
		registration.put("attestation", Map.of("required", true, "formats", List.of("eat"), "eat_key",
				eatKey.toPublicJWK().toJSONObject(), "ueid", "AQIDBAUGBwgJCgsMDQ4PEA"));
		TestDevices.register(harness.http(), harness.admin(), registration);
		String challenge = harness.http().form("/oauth2/challenge", null, "").json().get("attestation_challenge").asString();
		String evidence = TestEvidence.eat(eatKey, "AQIDBAUGBwgJCgsMDQ4PEA", challenge).sign();
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		parameters.put("attestation_format", List.of("eat"));
		parameters.put("attestation_evidence", List.of(evidence));

		assertThat(harness.oauth().token(auth(id, key), parameters).indicatesSuccess()).isTrue();

		Map<String, String> event = StreamEntries.await(STREAM, StreamEntries.of("attestation", id));
		assertThat(event).containsEntry("format", "eat")
			.containsEntry("model", model)
			.containsEntry("kind", "device");
		assertThat(event.get("outcome")).isIn("affirming", "warning");
		assertThat(event.get("evidence_fingerprint")).matches("[0-9a-f]{64}");
		assertThat(event.get("policy_fingerprint")).matches("[0-9a-f]{64}");
		assertThat(event.values()).noneMatch(v -> v.contains(evidence));
		Map<String, String> issued = StreamEntries.await(STREAM, StreamEntries.of("token.issued", id));
		assertThat(issued).containsEntry("att_status", event.get("outcome"));
	}

	@Test
	void tokenWhenStreamKeyHoldsAnotherTypeThenTokenIsIssuedAndFailureCounted() {
		String prefix = TestRedis.prefix() + "evfail-" + TestDevices.newId("p") + ":";
		var store = TestRedis.stateStore("evfail");
		store.await(store.async().set(prefix + "events", "not a stream"));
		try (TestServer server = TestServer.start(Map.of("keyfleet.redis.key-prefix", prefix))) {
			MeterRegistry meters = server.context().getBean(MeterRegistry.class);
			double before = meters.counter("keyfleet.events.append.failures").count();

			String adminToken = new OAuthClient(server).adminToken();

			assertThat(adminToken).isNotBlank();
			long deadline = System.nanoTime() + 5_000_000_000L;
			while (meters.counter("keyfleet.events.append.failures").count() <= before && System.nanoTime() < deadline) {
				Thread.onSpinWait();
			}
			assertThat(meters.counter("keyfleet.events.append.failures").count()).isGreaterThan(before);
			assertThat(store.await(store.async().get(prefix + "events"))).isEqualTo("not a stream");
		}
	}

	private static String register(ECKey key) {
		String id = TestDevices.newId("ev");
		TestDevices.register(harness.http(), harness.admin(), TestDevices.standard(id, "private_key_jwt", TestDevices.jwks(key)));
		return id;
	}

	private static void post(String path) {
		assertThat(harness.http().post(path, harness.admin(), null, "").status()).isEqualTo(204);
	}

	private static PrivateKeyJWT auth(String id, ECKey key) throws Exception {
		return new PrivateKeyJWT(new ClientID(id), harness.oauth().tokenEndpoint(), JWSAlgorithm.ES256,
				key.toECPrivateKey(), key.getKeyID(), null);
	}

}
