package io.keyfleet.auth.attestation.tpm;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.keyfleet.auth.support.Harness;
import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.TestDevices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * End to end with a live TPM (CONTRACT.md "Device attestation", {@code tpm2-quote}): a
 * software TPM provisioned here, an attestation key made in it and registered as the
 * device's {@code tpm_ak}, the golden PCR values read from it into the model's policy, and
 * a fresh {@code tpm2_quote} over a challenge this server just issued. Then a firmware
 * change (one more PCR 7 measurement) and a fresh quote again: refused.
 *
 * <p>
 * Needs swtpm and tpm2-tools, which {@code .ci/run} installs; there (and wherever
 * {@code KEYFLEET_REQUIRE_SWTPM=true}) their absence fails the test instead of skipping it.
 */
class LiveTpmQuoteIntegrationTests {

	private static Harness harness;

	@TempDir
	static Path work;

	private static SoftwareTpm tpm;

	@BeforeAll
	static void start() throws Exception {
		if (!SoftwareTpm.available()) {
			if ("true".equals(System.getenv("KEYFLEET_REQUIRE_SWTPM"))) {
				fail("swtpm and tpm2-tools are required (KEYFLEET_REQUIRE_SWTPM=true) but not on the PATH");
			}
			Assumptions.abort("swtpm and tpm2-tools are not installed (.ci/run installs them)");
		}
		harness = Harness.shared();
		tpm = SoftwareTpm.start(work);
	}

	@AfterAll
	static void stop() {
		if (tpm != null) {
			tpm.close();
		}
	}

	@Test
	void tokenWhenFreshQuoteOfAGoldenStateThenAffirmingAndAfterAFirmwareChangeRefused() throws Exception {
		String ak = tpm.createAttestationKey("ak-ecc", "ecc");
		tpm.extend(0, "keyfleet live-tpm firmware 1.0");
		tpm.extend(7, "keyfleet live-tpm secure boot on");
		String model = TestDevices.newId("KF-LIVE-TPM");
		putPolicy(model, tpm.pcrs());
		ECKey key = TestDevices.ecKey("k1");
		String id = register(model, key, ak);

		TokenResponse good = token(id, key, tpm.quote("ak-ecc", challenge()));

		assertThat(good.indicatesSuccess()).as(() -> error(good)).isTrue();
		Map<String, Object> att = SignedJWT.parse(good.toSuccessResponse().getTokens().getAccessToken().getValue())
			.getJWTClaimsSet()
			.getJSONObjectClaim("att");
		assertThat(att).containsEntry("status", "affirming").containsEntry("fmt", "tpm2-quote");

		tpm.extend(7, "keyfleet live-tpm unsigned bootloader");
		TokenResponse tampered = token(id, key, tpm.quote("ak-ecc", challenge()));

		assertThat(tampered.indicatesSuccess()).isFalse();
		assertThat(tampered.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_client_attestation");
		assertThat(tampered.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(401);
	}

	@Test
	void tokenWhenQuoteByAnRsaAttestationKeyThenAffirming() throws Exception {
		String ak = tpm.createAttestationKey("ak-rsa", "rsa");
		String model = TestDevices.newId("KF-LIVE-TPM");
		putPolicy(model, tpm.pcrs());
		ECKey key = TestDevices.ecKey("k1");
		String id = register(model, key, ak);

		TokenResponse response = token(id, key, tpm.quote("ak-rsa", challenge()));

		assertThat(response.indicatesSuccess()).as(() -> error(response)).isTrue();
	}

	private static void putPolicy(String model, Map<String, String> pcrs) {
		Map<String, Object> policy = Map.of("model", model, "tpm2_quote", Map.of("pcrs", Map.of("sha256", pcrs)));
		Http.Response response = harness.http()
			.putJson("/api/v1/attestation-policies/" + model, harness.admin(), Http.JSON.writeValueAsString(policy));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

	private static String register(String model, ECKey key, String akPem) {
		String id = TestDevices.newId("live-tpm");
		Map<String, Object> registration = TestDevices.standard(id, "private_key_jwt", TestDevices.jwks(key));
		registration.put("model", model);
		Map<String, Object> attestation = new LinkedHashMap<>();
		attestation.put("required", true);
		attestation.put("formats", List.of("tpm2-quote"));
		attestation.put("tpm_ak", akPem);
		registration.put("attestation", attestation);
		TestDevices.register(harness.http(), harness.admin(), registration);
		return id;
	}

	private static String challenge() {
		Http.Response response = harness.http().form("/oauth2/challenge", null, "");
		assertThat(response.status()).isEqualTo(200);
		return response.json().get("attestation_challenge").asString();
	}

	private static TokenResponse token(String id, ECKey key, String evidence) throws Exception {
		PrivateKeyJWT auth = new PrivateKeyJWT(new ClientID(id), harness.oauth().tokenEndpoint(), JWSAlgorithm.ES256,
				key.toECPrivateKey(), key.getKeyID(), null);
		return harness.oauth()
			.token(auth, Map.of("attestation_format", List.of("tpm2-quote"), "attestation_evidence", List.of(evidence)));
	}

	private static String error(TokenResponse response) {
		if (response.indicatesSuccess()) {
			return "success";
		}
		TokenErrorResponse error = response.toErrorResponse();
		return error.getErrorObject().toJSONObject().toString();
	}

}
