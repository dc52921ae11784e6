package io.keyfleet.auth.attestation.ear;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.nimbusds.jose.jwk.ECKey;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import io.keyfleet.auth.attestation.AttestationException;
import io.keyfleet.auth.attestation.AttestationException.Reason;
import io.keyfleet.auth.attestation.AttestationStatus;
import io.keyfleet.auth.attestation.DeviceAttestation;
import io.keyfleet.auth.attestation.EvidenceClaims;
import io.keyfleet.auth.attestation.NonceCheck;
import io.keyfleet.auth.attestation.VerifiedEvidence;
import io.keyfleet.auth.support.TestRedis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A format appraised by an external verifier (RFC 9334 §3.2 Verifier, the server being
 * the Relying Party): the evidence is forwarded as documented and the EAT Attestation
 * Result (draft-ietf-rats-ear) that comes back is verified. Every failure of the verifier
 * fails closed — never affirming, never consuming the challenge with an untrusted answer —
 * each refusal next to its allowed twin. WireMock stands in for the verifier and its JWKS.
 */
class RemoteEvidenceVerifierTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private static final Duration MAX_AGE = Duration.ofMinutes(5);

	private static final Duration TIMEOUT = Duration.ofMillis(500);

	/** RemoteEvidenceVerifier's cap on the verifier's answer. */
	private static final int MAX_RESPONSE_BYTES = 64 * 1024;

	private static final String FORMAT = "psa-token";

	private static final String EVIDENCE = "0oRDoQEmoFkBR6kZAQk";

	private static final String CHALLENGE = "c".repeat(43);

	private static final String UEID = "AQIDBAUGBwgJ";

	private static final String EAT_JWT = "application/eat+jwt";

	private final ECKey verifierKey = TestEars.newKey("verifier-1");

	private final DeviceAttestation device = new DeviceAttestation("dev-1", "KF-EDGE-100", true, List.of(FORMAT),
			null, null, UEID);

	private final List<String> nonces = new ArrayList<>();

	private final NonceCheck nonceCheck = (nonce) -> {
		this.nonces.add(nonce);
		return CHALLENGE.equals(nonce);
	};

	private WireMockServer server;

	@BeforeEach
	void startVerifier() {
		this.server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
		this.server.start();
		this.server.stubFor(get("/jwks").willReturn(okJson(TestEars.jwks(this.verifierKey))));
	}

	@AfterEach
	void stopVerifier() {
		this.server.stop();
	}

	// the exchange

	@Test
	void verifyWhenVerifierAnswersEatJwtThenItsStatusAndEvidenceForwardedAsDocumented() {
		answer(eatJwt(ear().sign()));

		VerifiedEvidence verified = verifier().verify(EVIDENCE, this.device, this.nonceCheck);

		assertThat(verified.format()).isEqualTo(FORMAT);
		assertThat(verified.claims()).isEqualTo(EvidenceClaims.ofVerifierStatus(AttestationStatus.AFFIRMING));
		assertThat(this.nonces).containsExactly(CHALLENGE);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("format", FORMAT);
		body.put("evidence", EVIDENCE);
		body.put("device_id", "dev-1");
		body.put("model", "KF-EDGE-100");
		body.put("ueid", UEID);
		this.server.verify(1, postRequestedFor(urlEqualTo("/verify")).withHeader("Content-Type", equalTo("application/json"))
			.withHeader("Accept", containing(EAT_JWT))
			.withRequestBody(equalToJson(JsonMapper.builder().build().writeValueAsString(body))));
	}

	@Test
	void verifyWhenDeviceHasNoUeidThenUeidForwardedAsNull() {
		answer(eatJwt(ear().ueid(null).sign()));
		DeviceAttestation noUeid = new DeviceAttestation("dev-2", "KF-SIM-1", true, List.of(FORMAT), null, null, null);

		verifier().verify(EVIDENCE, noUeid, this.nonceCheck);

		this.server.verify(1, postRequestedFor(urlEqualTo("/verify")).withRequestBody(equalToJson(
				"{\"format\":\"psa-token\",\"evidence\":\"" + EVIDENCE
						+ "\",\"device_id\":\"dev-2\",\"model\":\"KF-SIM-1\",\"ueid\":null}")));
	}

	@Test
	void verifyWhenVerifierAnswersJsonEarThenItsStatus() {
		answer(okJson("{\"ear\": \"" + ear().sign() + "\"}"));
		assertThat(status()).isEqualTo(AttestationStatus.AFFIRMING);
	}

	@Test
	void verifyWhenVerifierAnswersJsonEarWithCharsetThenItsStatus() {
		answer(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json; charset=utf-8")
			.withBody("{\"ear\": \"" + ear().sign() + "\"}"));
		assertThat(status()).isEqualTo(AttestationStatus.AFFIRMING);
	}

	@Test
	void verifyWhenVerifierAppraisesWarningThenWarning() {
		answer(eatJwt(ear().submod("keyfleet-app", "warning").sign()));
		assertThat(status()).isEqualTo(AttestationStatus.WARNING);
	}

	@Test
	void verifyWhenVerifierAppraisesContraindicatedThenContraindicated() {
		answer(eatJwt(ear().submod("keyfleet-app", "contraindicated").sign()));
		assertThat(status()).isEqualTo(AttestationStatus.CONTRAINDICATED);
	}

	@Test
	void formatWhenAskedThenTheConfiguredOne() {
		assertThat(verifier().format()).isEqualTo(FORMAT);
	}

	// the verifier fails: closed, the challenge untouched

	@Test
	void verifyWhenVerifierAnswersWithinTimeoutThenAffirming() {
		answer(eatJwt(ear().sign()).withFixedDelay((int) TIMEOUT.dividedBy(5).toMillis()));
		assertThat(status()).isEqualTo(AttestationStatus.AFFIRMING);
	}

	@Test
	void verifyWhenVerifierAnswersAfterTimeoutThenVerifierUnavailableWithinTheTimeout() {
		answer(eatJwt(ear().sign()).withFixedDelay((int) TIMEOUT.multipliedBy(6).toMillis()));
		long started = System.nanoTime();
		assertUnavailable();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(4));
	}

	/** The timeout bounds the whole answer, not only its headers: a slow body must not hold the request. */
	@Test
	void verifyWhenVerifierDribblesItsAnswerPastTimeoutThenVerifierUnavailableWithinTheTimeout() {
		answer(eatJwt(ear().sign()).withChunkedDribbleDelay(10, (int) TIMEOUT.multipliedBy(6).toMillis()));
		long started = System.nanoTime();
		assertUnavailable();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(4));
	}

	@Test
	void verifyWhenVerifierDribblesItsAnswerWithinTimeoutThenAffirming() {
		answer(eatJwt(ear().sign()).withChunkedDribbleDelay(5, (int) TIMEOUT.dividedBy(5).toMillis()));
		assertThat(status()).isEqualTo(AttestationStatus.AFFIRMING);
	}

	@Test
	void verifyWhenVerifierNotListeningThenVerifierUnavailable() {
		assertRefused(verifier(URI.create("http://127.0.0.1:" + TestRedis.freePort() + "/verify")),
				Reason.VERIFIER_UNAVAILABLE);
		assertThat(this.nonces).isEmpty();
	}

	/** A good EAR under any status but 200 is still refused: the status is the verdict on the exchange. */
	@ParameterizedTest(name = "{0}")
	@ValueSource(ints = { 201, 202, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504 })
	void verifyWhenVerifierAnswersStatusOtherThan200ThenVerifierUnavailable(int status) {
		answer(eatJwt(ear().sign()).withStatus(status));
		assertUnavailable();
	}

	/** A redirect is never followed: the URL comes from configuration only. */
	@ParameterizedTest(name = "{0}")
	@ValueSource(ints = { 301, 302, 303, 307, 308 })
	void verifyWhenVerifierRedirectsThenVerifierUnavailableAndTargetNeverCalled(int status) {
		answer(aResponse().withStatus(status).withHeader("Location", this.server.baseUrl() + "/elsewhere"));
		this.server.stubFor(post("/elsewhere").willReturn(eatJwt(ear().sign())));
		this.server.stubFor(get("/elsewhere").willReturn(eatJwt(ear().sign())));

		assertUnavailable();

		this.server.verify(0, anyRequestedFor(urlEqualTo("/elsewhere")));
	}

	@Test
	void verifyWhenAnswerAtSizeCapThenAffirming() {
		answer(eatJwt(padded(ear().sign(), MAX_RESPONSE_BYTES)));
		assertThat(status()).isEqualTo(AttestationStatus.AFFIRMING);
	}

	@Test
	void verifyWhenAnswerOverSizeCapThenVerifierUnavailable() {
		answer(eatJwt(padded(ear().sign(), MAX_RESPONSE_BYTES + 1)));
		assertUnavailable().hasMessageContaining("more than " + MAX_RESPONSE_BYTES + " bytes");
	}

	@Test
	void verifyWhenAnswerIsHtmlThenVerifierUnavailable() {
		answer(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>maintenance</html>"));
		assertUnavailable();
	}

	@Test
	void verifyWhenAnswerIsEmptyThenVerifierUnavailable() {
		answer(aResponse().withStatus(200).withHeader("Content-Type", EAT_JWT));
		assertUnavailable();
	}

	@Test
	void verifyWhenJsonAnswerHasNoEarThenVerifierUnavailable() {
		answer(okJson("{\"status\": \"affirming\"}"));
		assertUnavailable();
	}

	@Test
	void verifyWhenJsonAnswerEarIsNotAStringThenVerifierUnavailable() {
		answer(okJson("{\"ear\": {\"ear.status\": \"affirming\"}}"));
		assertUnavailable();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "null", "[]", "\"ear\"", "42", "{", "" })
	void verifyWhenJsonAnswerIsNotAnObjectThenVerifierUnavailable(String json) {
		answer(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(json));
		assertUnavailable();
	}

	@Test
	void verifyWhenJsonAnswerEarIsNotAJwtThenVerifierUnavailable() {
		answer(okJson("{\"ear\": \"affirming\"}"));
		assertUnavailable();
	}

	// the EAR itself

	@Test
	void verifyWhenEarSignedByUntrustedKeyThenVerifierUnavailable() {
		// RemoteEvidenceVerifier gives EarVerifier VERIFIER_UNAVAILABLE as its signature failure:
		// an answer that is not the verifier's says nothing about the device (unlike EarEvidenceVerifier)
		answer(eatJwt(TestEars.ear(TestEars.newKey(this.verifierKey.getKeyID()), NOW.minusSeconds(10), CHALLENGE).ueid(UEID).sign()));
		assertUnavailable();
	}

	@Test
	void verifyWhenEarSignedByKeyNotInJwksThenVerifierUnavailable() {
		answer(eatJwt(TestEars.ear(TestEars.newKey("verifier-2"), NOW.minusSeconds(10), CHALLENGE).ueid(UEID).sign()));
		assertUnavailable();
	}

	@Test
	void verifyWhenEarTooOldThenVerifierUnavailable() {
		answer(eatJwt(TestEars.ear(this.verifierKey, NOW.minus(MAX_AGE).minusSeconds(30), CHALLENGE).ueid(UEID).sign()));
		assertUnavailable();
	}

	@Test
	void verifyWhenJwksUnreachableThenVerifierUnavailable() {
		answer(eatJwt(ear().sign()));
		this.server.stubFor(get("/jwks").willReturn(aResponse().withStatus(503)));
		assertUnavailable();
	}

	@Test
	void verifyWhenEarNonceNotTheChallengeThenNonceUnknown() {
		answer(eatJwt(ear().nonce("d".repeat(43)).sign()));
		assertRefused(verifier(), Reason.NONCE_UNKNOWN);
		assertThat(this.nonces).containsExactly("d".repeat(43));
	}

	@Test
	void verifyWhenEarUeidIsAnotherDevicesThenIdentityMismatch() {
		answer(eatJwt(ear().ueid("CQgHBgUEAwIB").sign()));
		assertRefused(verifier(), Reason.IDENTITY_MISMATCH);
		assertThat(this.nonces).isEmpty();
	}

	// configuration

	@Test
	void constructorWhenHttpToNonLoopbackHostThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> verifier(URI.create("http://verifier.example/verify")));
		assertThatIllegalArgumentException().isThrownBy(() -> verifier(URI.create("http://10.0.0.7/verify")));
		assertThatIllegalArgumentException().isThrownBy(() -> verifier(URI.create("http://127.0.0.1.nip.io/verify")));
	}

	@Test
	void constructorWhenNotHttpThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> verifier(URI.create("ftp://127.0.0.1/verify")));
		assertThatIllegalArgumentException().isThrownBy(() -> verifier(URI.create("/verify")));
	}

	@Test
	void constructorWhenHttpsOrHttpToLoopbackThenAccepted() {
		assertThatNoException().isThrownBy(() -> verifier(URI.create("https://verifier.example/verify")));
		assertThatNoException().isThrownBy(() -> verifier(URI.create("http://127.0.0.1:8080/verify")));
		assertThatNoException().isThrownBy(() -> verifier(URI.create("http://[::1]:8080/verify")));
		assertThatNoException().isThrownBy(() -> verifier(URI.create("http://localhost:8080/verify")));
	}

	/** A result about this test's device: it names the device's ueid. */
	private TestEars ear() {
		return TestEars.ear(this.verifierKey, NOW.minusSeconds(10), CHALLENGE).ueid(UEID);
	}

	private static ResponseDefinitionBuilder eatJwt(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", EAT_JWT).withBody(body);
	}

	/** The EAR followed by whitespace, which the verifier trims, to exactly {@code length} bytes. */
	private static String padded(String ear, int length) {
		return ear + "\n".repeat(length - ear.length());
	}

	private void answer(ResponseDefinitionBuilder response) {
		this.server.stubFor(post("/verify").willReturn(response));
	}

	private RemoteEvidenceVerifier verifier() {
		return verifier(URI.create(this.server.baseUrl() + "/verify"));
	}

	private RemoteEvidenceVerifier verifier(URI url) {
		EarVerifier ears = new EarVerifier(URI.create(this.server.baseUrl() + "/jwks"), null, TIMEOUT, MAX_AGE,
				Clock.fixed(NOW, ZoneOffset.UTC));
		return new RemoteEvidenceVerifier(FORMAT, url, TIMEOUT, ears);
	}

	private AttestationStatus status() {
		return verifier().verify(EVIDENCE, this.device, this.nonceCheck).claims().verifierStatus();
	}

	private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(RemoteEvidenceVerifier verifier, Reason reason) {
		return assertThatThrownBy(() -> verifier.verify(EVIDENCE, this.device, this.nonceCheck))
			.isInstanceOfSatisfying(AttestationException.class, (ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

	/** Refused as the verifier's failure, and the challenge was not used up. */
	private AbstractThrowableAssert<?, ? extends Throwable> assertUnavailable() {
		AbstractThrowableAssert<?, ? extends Throwable> refused = assertRefused(verifier(), Reason.VERIFIER_UNAVAILABLE);
		assertThat(this.nonces).isEmpty();
		return refused;
	}

}
