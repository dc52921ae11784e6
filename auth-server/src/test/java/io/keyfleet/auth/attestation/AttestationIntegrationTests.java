package io.keyfleet.auth.attestation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import io.keyfleet.auth.support.Harness;
import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.TestDevices;
import io.keyfleet.auth.support.TestEvidence;
import io.keyfleet.auth.support.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attestation at the token endpoint (CONTRACT "Device attestation", error table): real
 * EATs signed by keys made here, the real TPM quotes of {@code shared/fixtures/tpm}, and
 * policies put through the admin API. Each refusal has its allowed twin.
 */
class AttestationIntegrationTests {

	private static final String UEID = "AQIDBAUGBwgJCgsMDQ4PEA";

	private static Harness harness;

	private static RedisClient redisClient;

	private static StatefulRedisConnection<String, String> redis;

	@BeforeAll
	static void start() {
		harness = Harness.shared();
		redisClient = RedisClient.create(TestRedis.url());
		redis = redisClient.connect();
	}

	@AfterAll
	static void stop() {
		redis.close();
		redisClient.shutdown();
	}

	@Test
	void tokenWhenFreshAffirmingEatThenTokenCarriesAttAndNeverOutlivesTheResult() throws Exception {
		Device device = device(policy(3600), List.of("eat"));

		long before = System.currentTimeMillis() / 1000;
		AccessTokenResponse response = success(device.tokenWith(device.eat(challenge()).sign()));

		JWTClaimsSet claims = claims(response);
		Map<String, Object> att = claims.getJSONObjectClaim("att");
		assertThat(att).containsEntry("status", "affirming").containsEntry("fmt", "eat");
		long iat = ((Number) att.get("iat")).longValue();
		assertThat(iat).isBetween(before, before + 5);
		assertThat(((Number) att.get("exp")).longValue()).isEqualTo(iat + 3600);
		assertThat(claims.getExpirationTime().getTime() / 1000).isLessThanOrEqualTo(((Number) att.get("exp")).longValue());
		assertThat(response.getTokens().getAccessToken().getLifetime()).isEqualTo(300);
	}

	@Test
	void tokenWhenResultStoredThenNoEvidenceNeededUntilItExpires() throws Exception {
		Device device = device(policy(3600), List.of("eat"));
		Map<String, Object> first = claims(success(device.tokenWith(device.eat(challenge()).sign()))).getJSONObjectClaim("att");

		AccessTokenResponse again = success(device.token(Map.of()));

		assertThat(claims(again).getJSONObjectClaim("att")).isEqualTo(first);
	}

	@Test
	void tokenWhenResultExpiresBeforeTheTokenWouldThenTokenExpIsTheResultExp() throws Exception {
		Device device = device(policy(120), List.of("eat"));

		AccessTokenResponse response = success(device.tokenWith(device.eat(challenge()).sign()));

		JWTClaimsSet claims = claims(response);
		long attExp = ((Number) claims.getJSONObjectClaim("att").get("exp")).longValue();
		assertThat(claims.getExpirationTime().getTime() / 1000).isEqualTo(attExp);
		assertThat(response.getTokens().getAccessToken().getLifetime()).isBetween(118L, 120L);
	}

	@Test
	void tokenWhenRequiredAndNoEvidenceEverThenUseAttestationChallenge() throws Exception {
		Device device = device(policy(3600), List.of("eat"));

		assertError(device.token(Map.of()), 400, "use_attestation_challenge");
	}

	@Test
	void tokenWhenEvidenceReplayedThenUseAttestationChallenge() throws Exception {
		Device device = device(policy(3600), List.of("eat"));
		String evidence = device.eat(challenge()).sign();
		success(device.tokenWith(evidence));

		assertError(device.tokenWith(evidence), 400, "use_attestation_challenge");
	}

	@Test
	void tokenWhenNonceWasNeverIssuedThenUseAttestationChallenge() throws Exception {
		Device device = device(policy(3600), List.of("eat"));

		assertError(device.tokenWith(device.eat("n".repeat(43)).sign()), 400, "use_attestation_challenge");
		assertThat(standing(device.id()).get("tokens_revoked_at_ms").asLong()).isZero();
	}

	@Test
	void tokenWhenSoftwareBelowRecommendedThenWarningToken() throws Exception {
		Device device = device(policy(3600), List.of("eat"));

		AccessTokenResponse response = success(
				device.tokenWith(device.eat(challenge()).swversion(List.of("2.4.1")).sign()));

		assertThat(claims(response).getJSONObjectClaim("att")).containsEntry("status", "warning");
	}

	@Test
	void tokenWhenDebugEnabledThenInvalidClientAttestationAndExistingTokensDie() throws Exception {
		Device device = device(policy(3600), List.of("eat"));
		success(device.tokenWith(device.eat(challenge()).sign()));
		long before = System.currentTimeMillis();

		assertError(device.tokenWith(device.eat(challenge()).dbgstat("enabled").sign()), 401,
				"invalid_client_attestation");

		assertThat(standing(device.id()).get("tokens_revoked_at_ms").asLong()).isGreaterThanOrEqualTo(before);
		// the stored result went with it
		assertError(device.token(Map.of()), 400, "use_attestation_challenge");
	}

	@Test
	void tokenWhenDebugDisabledAsIntegerCodeThenAffirming() throws Exception {
		Device device = device(policy(3600), List.of("eat"));

		success(device.tokenWith(device.eat(challenge()).dbgstat(2).sign()));
	}

	@Test
	void tokenWhenMeasurementTamperedThenInvalidClientAttestation() throws Exception {
		Device device = device(policy(3600), List.of("eat"));

		assertError(device.tokenWith(device.eat(challenge()).measurement("kernel", "sha-256:" + "9".repeat(64)).sign()),
				401, "invalid_client_attestation");
	}

	@Test
	void tokenWhenFirmwareBelowMinimumThenInvalidClientAttestation() throws Exception {
		Device device = device(policy(3600), List.of("eat"));

		assertError(device.tokenWith(device.eat(challenge()).swversion(List.of("2.3.9")).sign()), 401,
				"invalid_client_attestation");
	}

	@Test
	void tokenWhenVersionsCompareNumericallyThen2Dot10IsAbove2Dot4() throws Exception {
		Device device = device(policy(3600), List.of("eat"));

		AccessTokenResponse response = success(
				device.tokenWith(device.eat(challenge()).swversion(List.of("2.10.0", 16384)).sign()));

		assertThat(claims(response).getJSONObjectClaim("att")).containsEntry("status", "affirming");
	}

	@Test
	void tokenWhenEvidenceSignedByAnotherDevicesKeyThenInvalidClientAttestationAndTokensDie() throws Exception {
		Device device = device(policy(3600), List.of("eat"));
		Device other = device(policy(3600), List.of("eat"));
		long before = System.currentTimeMillis();

		assertError(device.tokenWith(TestEvidence.eat(other.eatKey(), UEID, challenge()).sign()), 401,
				"invalid_client_attestation");

		assertThat(standing(device.id()).get("tokens_revoked_at_ms").asLong()).isGreaterThanOrEqualTo(before);
	}

	@Test
	void tokenWhenFormatNotRegisteredForTheDeviceThenInvalidClientAttestation() throws Exception {
		Device device = device(policy(3600), List.of("tpm2-quote"));

		assertError(device.tokenWith(device.eat(challenge()).sign()), 401, "invalid_client_attestation");
	}

	@Test
	void tokenWhenEvidenceWithoutFormatThenInvalidRequest() throws Exception {
		Device device = device(policy(3600), List.of("eat"));

		assertError(device.token(Map.of("attestation_evidence", List.of(device.eat(challenge()).sign()))), 400,
				"invalid_request");
	}

	@Test
	void tokenWhenModelHasNoPolicyThenInvalidClientAttestation() throws Exception {
		Device device = device(null, List.of("eat"));

		assertError(device.tokenWith(device.eat(challenge()).sign()), 401, "invalid_client_attestation");
	}

	@Test
	void tokenWhenDeviceNeedNotAttestThenTokenWithoutAtt() throws Exception {
		ECKey key = TestDevices.ecKey("k1");
		String id = TestDevices.newId("noatt");
		TestDevices.register(harness.http(), harness.admin(), TestDevices.standard(id, "private_key_jwt", TestDevices.jwks(key)));

		AccessTokenResponse response = success(harness.oauth().token(auth(id, key), Map.of()));

		assertThat(claims(response).getClaim("att")).isNull();
	}

	@Test
	void tokenWhenPolicyMaxAgeZeroThenEvidenceEveryTimeAndAttExpIsTheTokenExp() throws Exception {
		Device device = device(policy(0), List.of("eat"));

		JWTClaimsSet claims = claims(success(device.tokenWith(device.eat(challenge()).sign())));

		assertThat(((Number) claims.getJSONObjectClaim("att").get("exp")).longValue())
			.isEqualTo(claims.getExpirationTime().getTime() / 1000);
		assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(300_000);
		assertError(device.token(Map.of()), 400, "use_attestation_challenge");
		success(device.tokenWith(device.eat(challenge()).sign()));
	}

	@Test
	void tokenWhenDeviceSteppedUpThenUseFreshAttestationUntilFreshEvidence() throws Exception {
		Device device = device(policy(3600), List.of("eat"));
		success(device.tokenWith(device.eat(challenge()).sign()));
		long before = System.currentTimeMillis();

		Http.Response stepUp = harness.http().post("/api/v1/devices/" + device.id() + "/step-up", harness.admin(), null, "");

		assertThat(stepUp.status()).isEqualTo(204);
		assertThat(standing(device.id()).get("attestation_reset_at_ms").asLong()).isGreaterThanOrEqualTo(before);
		assertError(device.token(Map.of()), 400, "use_fresh_attestation");
		success(device.tokenWith(device.eat(challenge()).sign()));
		success(device.token(Map.of()));
	}

	@Test
	void tokenWhenEvidenceAnswersAChallengeIssuedBeforeTheStepUpThenUseAttestationChallenge() throws Exception {
		Device device = device(policy(3600), List.of("eat"));
		success(device.tokenWith(device.eat(challenge()).sign()));
		String beforeStepUp = challenge();

		assertThat(harness.http().post("/api/v1/devices/" + device.id() + "/step-up", harness.admin(), null, "").status())
			.isEqualTo(204);

		assertError(device.tokenWith(device.eat(beforeStepUp).sign()), 400, "use_attestation_challenge");
		success(device.tokenWith(device.eat(challenge()).sign()));
	}

	@Test
	void tokenWhenDeviceSteppedUpBeforeItEverAttestedThenUseFreshAttestation() throws Exception {
		Device device = device(policy(3600), List.of("eat"));

		assertThat(harness.http().post("/api/v1/devices/" + device.id() + "/step-up", harness.admin(), null, "").status())
			.isEqualTo(204);

		assertError(device.token(Map.of()), 400, "use_fresh_attestation");
		success(device.tokenWith(device.eat(challenge()).sign()));
		success(device.token(Map.of()));
	}

	@Test
	void stepUpWhenUnknownDeviceThenNotFoundProblem() {
		Http.Response response = harness.http().post("/api/v1/devices/no-such-device/step-up", harness.admin(), null, "");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void tokenWhenPolicyShortenedBelowTheResultsAgeThenUseFreshAttestation() throws Exception {
		Device device = device(policy(3600), List.of("eat"));
		success(device.tokenWith(device.eat(challenge()).sign()));
		Map<String, Object> shorter = policy(3600);
		shorter.put("model", device.model());
		shorter.put("max_age_seconds", 1);

		putPolicy(device.model(), shorter);

		assertError(device.token(Map.of()), 400, "use_fresh_attestation");
	}

	@Test
	void policyWhenNewGoldenValuesPutThenNextAppraisalUsesThem() throws Exception {
		Device device = device(policy(3600), List.of("eat"));
		String newKernel = "sha-256:" + "a".repeat(64);
		assertError(device.tokenWith(device.eat(challenge()).measurement("kernel", newKernel).sign()), 401,
				"invalid_client_attestation");
		Map<String, Object> rollout = policy(3600);
		rollout.put("model", device.model());
		@SuppressWarnings("unchecked")
		Map<String, Object> eat = (Map<String, Object>) rollout.get("eat");
		eat.put("measurements", Map.of("bootloader", List.of(TestEvidence.BOOTLOADER), "kernel",
				List.of(TestEvidence.KERNEL, newKernel)));

		Http.Response put = putPolicy(device.model(), rollout);

		assertThat(put.status()).isEqualTo(200);
		assertThat(put.json().get("eat").get("measurements").get("kernel")).hasSize(2);
		assertThat(harness.http().get("/api/v1/attestation-policies/" + device.model(), harness.admin()).json())
			.isEqualTo(put.json());
		success(device.tokenWith(device.eat(challenge()).measurement("kernel", newKernel).sign()));
	}

	@Test
	void tokenWhenRolloutRaisesRecommendedVersionThenCachedAffirmingResultIsReappraisedAsWarning() throws Exception {
		Device device = device(policy(3600), List.of("eat"));
		success(device.tokenWith(device.eat(challenge()).swversion(List.of("2.5.0")).sign()));
		assertThat(claims(success(device.token(Map.of()))).getJSONObjectClaim("att")).containsEntry("status",
				"affirming");

		putPolicy(device.model(), rollout(device.model(), "3.0.0", null));

		assertThat(claims(success(device.token(Map.of()))).getJSONObjectClaim("att")).containsEntry("status", "warning");
	}

	@Test
	void tokenWhenRolloutDeadlinePassedThenCachedWarningRefusedAndItsTokensDie() throws Exception {
		Device device = device(policy(3600), List.of("eat"));
		putPolicy(device.model(), rollout(device.model(), "3.0.0", "2999-12-31T00:00:00Z"));
		AccessTokenResponse fresh = success(device.tokenWith(device.eat(challenge()).swversion(List.of("2.5.0")).sign()));
		assertThat(claims(fresh).getJSONObjectClaim("att")).containsEntry("status", "warning");
		assertThat(claims(success(device.token(Map.of()))).getJSONObjectClaim("att")).containsEntry("status", "warning");
		long issuedMs = claims(fresh).getIssueTime().getTime();

		// the operator ends the rollout: the deadline is now behind the server's clock
		putPolicy(device.model(), rollout(device.model(), "3.0.0", "2020-01-01T00:00:00Z"));

		assertError(device.token(Map.of()), 401, "invalid_client_attestation");
		assertThat(standing(device.id()).get("tokens_revoked_at_ms").asLong()).isGreaterThanOrEqualTo(issuedMs);
		// the cached result is gone: the device must come back with evidence of the new release
		assertError(device.token(Map.of()), 400, "use_attestation_challenge");
		assertError(device.tokenWith(device.eat(challenge()).swversion(List.of("2.5.0")).sign()), 401,
				"invalid_client_attestation");
		assertThat(claims(success(device.tokenWith(device.eat(challenge()).swversion(List.of("3.0.0")).sign())))
			.getJSONObjectClaim("att")).containsEntry("status", "affirming");
	}

	@Test
	void tokenWhenCachedResultStoredWithoutClaimsThenUseFreshAttestation() throws Exception {
		Device device = device(policy(3600), List.of("eat"));
		success(device.tokenWith(device.eat(challenge()).sign()));
		String key = TestRedis.prefix() + "attestation:" + device.id();
		Map<?, ?> stored = Http.JSON.readValue(redis.sync().get(key), Map.class);
		Map<Object, Object> older = new LinkedHashMap<>(stored);
		older.remove("claims");
		redis.sync().set(key, Http.JSON.writeValueAsString(older), SetArgs.Builder.keepttl());

		assertError(device.token(Map.of()), 400, "use_fresh_attestation");
	}

	@Test
	void policyWhenRolloutDeadlineMalformedThenProblemNamesIt() {
		Map<String, Object> policy = rollout("KF-BAD-DEADLINE", "3.0.0", "31 December 2026");

		Http.Response response = harness.http()
			.putJson("/api/v1/attestation-policies/KF-BAD-DEADLINE", harness.admin(), Http.JSON.writeValueAsString(policy));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("errors").get(0).get("field").asString())
			.isEqualTo("eat.recommended_swversion_deadline");
	}

	@Test
	void policyWhenRolloutDeadlinePutThenReadBack() {
		String model = "KF-DEADLINE-" + TestDevices.newId("m");

		Http.Response put = putPolicy(model, rollout(model, "3.0.0", "2026-12-31T00:00:00Z"));

		assertThat(put.json().get("eat").get("recommended_swversion_deadline").asString())
			.isEqualTo("2026-12-31T00:00:00Z");
		assertThat(harness.http().get("/api/v1/attestation-policies/" + model, harness.admin()).json())
			.isEqualTo(put.json());
	}

	@Test
	void policyWhenInvalidThenProblemListingEveryField() {
		Http.Response response = harness.http()
			.putJson("/api/v1/attestation-policies/KF-BAD", harness.admin(),
					"{\"max_age_seconds\": -1, \"eat\": {\"min_swversion\": \"two\", \"measurements\": {\"kernel\": [\"md5:00\"]}}}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		List<String> fields = new ArrayList<>();
		response.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
		assertThat(fields).contains("max_age_seconds", "eat.min_swversion", "eat.measurements.kernel");
		assertThat(harness.http().get("/api/v1/attestation-policies/KF-BAD", harness.admin()).status()).isEqualTo(404);
	}

	@Test
	void policyWhenNoAdminTokenThenUnauthorized() {
		assertThat(harness.http().putJson("/api/v1/attestation-policies/KF-X", null, "{}").status()).isEqualTo(401);
	}

	@Test
	void registerWhenAttestationKeysUnusableThenProblemNamesThem() {
		Map<String, Object> registration = TestDevices.standard(TestDevices.newId("badatt"), "private_key_jwt",
				TestDevices.jwks(TestDevices.ecKey("k1")));
		registration.put("attestation", Map.of("required", true, "formats", List.of("eat", "tpm2_quote"), "tpm_ak",
				"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "ueid", "short", "eat_key",
				Map.of("kty", "EC")));

		Http.Response response = harness.http().postJson("/api/v1/devices", harness.admin(),
				Http.JSON.writeValueAsString(registration));

		assertThat(response.status()).isEqualTo(400);
		List<String> fields = new ArrayList<>();
		response.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
		assertThat(fields).contains("attestation.formats", "attestation.tpm_ak", "attestation.ueid",
				"attestation.eat_key");
	}

	static List<TpmFixtures.Case> tpmCases() {
		return TpmFixtures.cases();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("tpmCases")
	void tokenWhenTpmQuoteFixtureThenItsStatedOutcome(TpmFixtures.Case fixture) throws Exception {
		String model = "KF-TPM-" + TestDevices.newId("m");
		putPolicy(model, Map.of("model", model, "tpm2_quote", TpmFixtures.goldenPolicy(model).tpm2Quote()));
		Device device = device(model, List.of("tpm2-quote"), fixture.akPem());
		// the fixture's challenge was "issued" by this server: put it where issued ones go
		redis.sync().set(TestRedis.prefix() + "challenge:" + fixture.challenge(), "1", SetArgs.Builder.px(300_000));

		TokenResponse response = device.token(Map.of("attestation_format", List.of("tpm2-quote"),
				"attestation_evidence", List.of(fixture.evidence())));

		if (fixture.outcomes().contains("valid")) {
			assertThat(claims(success(response)).getJSONObjectClaim("att")).containsEntry("status", "affirming")
				.containsEntry("fmt", "tpm2-quote");
		}
		else if (fixture.outcomes().get(0).equals("nonce_mismatch")) {
			// the quoted nonce was never issued: the contract's answer is a new challenge
			assertError(response, 400, "use_attestation_challenge");
		}
		else {
			assertError(response, 401, "invalid_client_attestation");
		}
	}

	// --- helpers ---

	private static Map<String, Object> policy(int maxAge) {
		return TestEvidence.policy(null, maxAge);
	}

	/** The default policy of a model with a new recommended release and, optionally, its deadline. */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> rollout(String model, String recommended, String deadline) {
		Map<String, Object> policy = policy(3600);
		policy.put("model", model);
		Map<String, Object> eat = (Map<String, Object>) policy.get("eat");
		eat.put("recommended_swversion", recommended);
		if (deadline != null) {
			eat.put("recommended_swversion_deadline", deadline);
		}
		return policy;
	}

	private Device device(Map<String, Object> policy, List<String> formats) throws Exception {
		String model = "KF-EAT-" + TestDevices.newId("m");
		if (policy != null) {
			Map<String, Object> own = new LinkedHashMap<>(policy);
			own.put("model", model);
			putPolicy(model, own);
		}
		return device(model, formats, null);
	}

	private Device device(String model, List<String> formats, String tpmAk) throws Exception {
		ECKey key = TestDevices.ecKey("k1");
		ECKey eatKey = TestDevices.ecKey("eat-1");
		String id = TestDevices.newId("att");
		Map<String, Object> registration = TestDevices.standard(id, "private_key_jwt", TestDevices.jwks(key));
		registration.put("model", model);
		Map<String, Object> attestation = new LinkedHashMap<>();
		attestation.put("required", true);
		attestation.put("formats", formats);
		attestation.put("eat_key", eatKey.toPublicJWK().toJSONObject());
		attestation.put("ueid", UEID);
		if (tpmAk != null) {
			attestation.put("tpm_ak", tpmAk);
		}
		registration.put("attestation", attestation);
		TestDevices.register(harness.http(), harness.admin(), registration);
		return new Device(id, model, key, eatKey);
	}

	private static Http.Response putPolicy(String model, Map<String, Object> policy) {
		Http.Response response = harness.http()
			.putJson("/api/v1/attestation-policies/" + model, harness.admin(), Http.JSON.writeValueAsString(policy));
		if (response.status() != 200) {
			throw new IllegalStateException("policy refused: " + response.status() + " " + response.body());
		}
		return response;
	}

	private static String challenge() {
		Http.Response response = harness.http().form("/oauth2/challenge", null, "");
		assertThat(response.status()).isEqualTo(200);
		return response.json().get("attestation_challenge").asString();
	}

	private static JsonNode standing(String id) {
		return Http.JSON.readTree(redis.sync().get(TestRedis.prefix() + "{registry}:standing:" + id));
	}

	private static PrivateKeyJWT auth(String id, ECKey key) throws Exception {
		return new PrivateKeyJWT(new ClientID(id), harness.oauth().tokenEndpoint(), JWSAlgorithm.ES256,
				key.toECPrivateKey(), key.getKeyID(), null);
	}

	private static AccessTokenResponse success(TokenResponse response) {
		assertThat(response.indicatesSuccess())
			.as(() -> "expected a token, got " + response.toErrorResponse().getErrorObject().toJSONObject())
			.isTrue();
		return response.toSuccessResponse();
	}

	private static void assertError(TokenResponse response, int status, String code) {
		assertThat(response.indicatesSuccess()).as("expected %s", code).isFalse();
		TokenErrorResponse error = response.toErrorResponse();
		assertThat(error.getErrorObject().getCode()).as(error.getErrorObject().getDescription()).isEqualTo(code);
		assertThat(error.getErrorObject().getHTTPStatusCode()).isEqualTo(status);
	}

	private static JWTClaimsSet claims(AccessTokenResponse response) throws Exception {
		return SignedJWT.parse(response.getTokens().getAccessToken().getValue()).getJWTClaimsSet();
	}

	private record Device(String id, String model, ECKey key, ECKey eatKey) {

		TestEvidence eat(String nonce) {
			return TestEvidence.eat(this.eatKey, UEID, nonce);
		}

		TokenResponse tokenWith(String eat) throws Exception {
			return token(Map.of("attestation_format", List.of("eat"), "attestation_evidence", List.of(eat)));
		}

		TokenResponse token(Map<String, List<String>> parameters) throws Exception {
			return harness.oauth().token(auth(this.id, this.key), parameters);
		}

	}

}
