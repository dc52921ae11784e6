package io.keyfleet.auth.attestation.ear;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.keyfleet.auth.attestation.AttestationException;
import io.keyfleet.auth.attestation.AttestationException.Reason;
import io.keyfleet.auth.attestation.AttestationStatus;
import io.keyfleet.auth.attestation.DeviceAttestation;
import io.keyfleet.auth.attestation.EvidenceClaims;
import io.keyfleet.auth.attestation.NonceCheck;
import io.keyfleet.auth.attestation.VerifiedEvidence;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * EAR evidence ({@code attestation_format=ear}): each refusal next to its allowed twin,
 * with a real ES256 verifier key published by a stand-in JWKS endpoint.
 */
class EarEvidenceVerifierTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private static final Duration MAX_AGE = Duration.ofMinutes(5);

	private static final Duration TIMEOUT = Duration.ofMillis(500);

	private static final String ISSUER = "https://verifier.example";

	private static final String CHALLENGE = "c".repeat(43);

	private static final String UEID = "AQIDBAUGBwgJ";

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private final ECKey verifierKey = TestEars.newKey("verifier-1");

	private final DeviceAttestation device = new DeviceAttestation("dev-1", "KF-EDGE-100", true, List.of("ear"), null,
			null, UEID);

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

	// status

	@Test
	void verifyWhenSubmodAffirmingThenAffirming() {
		VerifiedEvidence verified = verifier(null).verify(ear().sign(), this.device, this.nonceCheck);
		assertThat(verified.format()).isEqualTo("ear");
		assertThat(verified.claims()).isEqualTo(EvidenceClaims.ofVerifierStatus(AttestationStatus.AFFIRMING));
		assertThat(this.nonces).containsExactly(CHALLENGE);
	}

	@Test
	void verifyWhenTopLevelStatusAffirmingThenAffirming() {
		assertThat(status(ear().noSubmods().status("affirming"))).isEqualTo(AttestationStatus.AFFIRMING);
	}

	@Test
	void verifyWhenTopLevelStatusWarningThenWarning() {
		assertThat(status(ear().noSubmods().status("warning"))).isEqualTo(AttestationStatus.WARNING);
	}

	@Test
	void verifyWhenOneSubmodWarningThenWarning() {
		assertThat(status(ear().submod("keyfleet-app", "warning"))).isEqualTo(AttestationStatus.WARNING);
	}

	@Test
	void verifyWhenOneSubmodContraindicatedAmongAffirmingThenContraindicated() {
		assertThat(status(ear().submod("keyfleet-app", "contraindicated").submod("keyfleet-tee", "affirming")))
			.isEqualTo(AttestationStatus.CONTRAINDICATED);
	}

	@Test
	void verifyWhenAllSubmodsAffirmingThenAffirming() {
		assertThat(status(ear().submod("keyfleet-app", "affirming").submod("keyfleet-tee", "affirming")))
			.isEqualTo(AttestationStatus.AFFIRMING);
	}

	@Test
	void verifyWhenTopLevelAffirmingAndSubmodContraindicatedThenContraindicated() {
		assertThat(status(ear().status("affirming").submod("keyfleet-app", "contraindicated")))
			.isEqualTo(AttestationStatus.CONTRAINDICATED);
	}

	@Test
	void verifyWhenSubmodStatusNoneThenContraindicated() {
		assertThat(status(ear().submod("keyfleet-app", "none"))).isEqualTo(AttestationStatus.CONTRAINDICATED);
	}

	@Test
	void verifyWhenTopLevelStatusNoneThenContraindicated() {
		assertThat(status(ear().noSubmods().status("none"))).isEqualTo(AttestationStatus.CONTRAINDICATED);
	}

	@Test
	void verifyWhenStatusUnknownThenMalformed() {
		assertRefused(ear().submod("keyfleet-app", "trustworthy"), Reason.MALFORMED);
	}

	@Test
	void verifyWhenStatusNotAStringThenMalformed() {
		assertRefused(ear().noSubmods().status(2), Reason.MALFORMED);
	}

	@Test
	void verifyWhenSubmodWithoutStatusThenMalformed() {
		assertRefused(ear().submod("keyfleet-app", null), Reason.MALFORMED);
	}

	@Test
	void verifyWhenNoStatusAtAllThenMalformed() {
		assertRefused(ear().noSubmods(), Reason.MALFORMED);
	}

	// signature and issuer

	@Test
	void verifyWhenSignedByKeyNotInJwksThenSignatureInvalid() {
		assertRefused(TestEars.ear(TestEars.newKey("verifier-2"), NOW.minusSeconds(10), CHALLENGE).ueid(UEID),
				Reason.SIGNATURE_INVALID);
		assertThat(this.nonces).isEmpty();
	}

	@Test
	void verifyWhenSignedByForeignKeyWithTrustedKidThenSignatureInvalid() {
		assertRefused(TestEars.ear(TestEars.newKey(this.verifierKey.getKeyID()), NOW.minusSeconds(10), CHALLENGE).ueid(UEID),
				Reason.SIGNATURE_INVALID);
		assertThat(this.nonces).isEmpty();
	}

	@Test
	void verifyWhenSignedByKeyAddedToJwksThenAffirming() {
		ECKey second = TestEars.newKey("verifier-2");
		this.server.stubFor(get("/jwks").willReturn(okJson(TestEars.jwks(this.verifierKey, second))));
		assertThat(status(TestEars.ear(second, NOW.minusSeconds(10), CHALLENGE).ueid(UEID))).isEqualTo(AttestationStatus.AFFIRMING);
	}

	@Test
	void verifyWhenUnsignedThenSignatureInvalid() {
		String unsigned = new PlainJWT(new JWTClaimsSet.Builder().claim("ear.status", "affirming")
			.claim("eat_nonce", CHALLENGE)
			.issueTime(java.util.Date.from(NOW))
			.build()).serialize();
		assertThatThrownBy(() -> verifier(null).verify(unsigned, this.device, this.nonceCheck))
			.isInstanceOfSatisfying(AttestationException.class, ex -> assertThat(ex.reason()).isEqualTo(Reason.SIGNATURE_INVALID));
		assertThat(this.nonces).isEmpty();
	}

	@Test
	void verifyWhenTypedEarJwtThenAffirming() {
		assertThat(status(ear().typ("ear+jwt"))).isEqualTo(AttestationStatus.AFFIRMING);
	}

	@Test
	void verifyWhenIssuerConfiguredAndMatchingThenAffirming() {
		assertThat(verifier(ISSUER).verify(ear().issuer(ISSUER).sign(), this.device, this.nonceCheck).claims()
			.verifierStatus()).isEqualTo(AttestationStatus.AFFIRMING);
	}

	@Test
	void verifyWhenIssuerConfiguredAndWrongThenSignatureInvalid() {
		assertThatThrownBy(() -> verifier(ISSUER).verify(ear().issuer("https://other.example").sign(), this.device,
				this.nonceCheck))
			.isInstanceOfSatisfying(AttestationException.class, ex -> assertThat(ex.reason()).isEqualTo(Reason.SIGNATURE_INVALID));
		assertThat(this.nonces).isEmpty();
	}

	@Test
	void verifyWhenIssuerConfiguredAndAbsentThenSignatureInvalid() {
		assertThatThrownBy(() -> verifier(ISSUER).verify(ear().sign(), this.device, this.nonceCheck))
			.isInstanceOfSatisfying(AttestationException.class, ex -> assertThat(ex.reason()).isEqualTo(Reason.SIGNATURE_INVALID));
	}

	@Test
	void verifyWhenIssuerNotConfiguredThenAnyIssuerAccepted() {
		assertThat(status(ear().issuer("https://other.example"))).isEqualTo(AttestationStatus.AFFIRMING);
	}

	// times

	@Test
	void verifyWhenIssuedWithinMaxAgeThenAffirming() {
		assertThat(status(TestEars.ear(this.verifierKey, NOW.minus(MAX_AGE).plusSeconds(30), CHALLENGE).ueid(UEID)))
			.isEqualTo(AttestationStatus.AFFIRMING);
	}

	@Test
	void verifyWhenIssuedBeforeMaxAgeThenMalformed() {
		assertRefused(TestEars.ear(this.verifierKey, NOW.minus(MAX_AGE).minusSeconds(30), CHALLENGE).ueid(UEID), Reason.MALFORMED);
		assertThat(this.nonces).isEmpty();
	}

	@Test
	void verifyWhenIssuedInTheFutureThenMalformed() {
		assertRefused(TestEars.ear(this.verifierKey, NOW.plusSeconds(120), CHALLENGE).ueid(UEID), Reason.MALFORMED);
	}

	@Test
	void verifyWhenNotYetExpiredThenAffirming() {
		assertThat(status(ear().expiresAt(NOW.plusSeconds(60)))).isEqualTo(AttestationStatus.AFFIRMING);
	}

	@Test
	void verifyWhenExpiredThenMalformed() {
		assertRefused(ear().expiresAt(NOW.minusSeconds(1)), Reason.MALFORMED);
		assertThat(this.nonces).isEmpty();
	}

	// nonce

	@Test
	void verifyWhenNonceNotAcceptedThenNonceUnknown() {
		assertRefused(ear().nonce("d".repeat(43)), Reason.NONCE_UNKNOWN);
		assertThat(this.nonces).containsExactly("d".repeat(43));
	}

	@Test
	void verifyWhenNonceAbsentThenNonceUnknown() {
		assertRefused(ear().nonce(null), Reason.NONCE_UNKNOWN);
	}

	// identity

	@Test
	void verifyWhenUeidIsTheDevicesThenAffirming() {
		assertThat(status(ear().ueid(UEID))).isEqualTo(AttestationStatus.AFFIRMING);
	}

	@Test
	void verifyWhenUeidIsAnotherDevicesThenIdentityMismatch() {
		assertRefused(ear().ueid("CQgHBgUEAwIB"), Reason.IDENTITY_MISMATCH);
		assertThat(this.nonces).isEmpty();
	}

	@Test
	void verifyWhenUeidAbsentAndTheDeviceHasOneThenIdentityMismatch() {
		// otherwise a clean device's result could be presented by another device
		assertRefused(ear().ueid(null), Reason.IDENTITY_MISMATCH);
	}

	@Test
	void verifyWhenUeidAbsentAndTheDeviceHasNoneThenAccepted() {
		DeviceAttestation noUeid = new DeviceAttestation("dev-1", "KF-EDGE-100", true, List.of("ear"), null, null, null);

		assertThat(verifier(null).verify(ear().ueid(null).sign(), noUeid, this.nonceCheck).claims().verifierStatus())
			.isEqualTo(AttestationStatus.AFFIRMING);
	}

	@Test
	void verifyWhenUeidPresentAndDeviceHasNoneThenIdentityMismatch() {
		DeviceAttestation noUeid = new DeviceAttestation("dev-1", "KF-EDGE-100", true, List.of("ear"), null, null, null);
		assertThatThrownBy(() -> verifier(null).verify(ear().ueid(UEID).sign(), noUeid, this.nonceCheck))
			.isInstanceOfSatisfying(AttestationException.class, ex -> assertThat(ex.reason()).isEqualTo(Reason.IDENTITY_MISMATCH));
	}

	// the verifier's keys

	@Test
	void verifyWhenJwksEndpointFailsThenVerifierUnavailable() {
		this.server.stubFor(get("/jwks").willReturn(serverError()));
		assertRefused(ear(), Reason.VERIFIER_UNAVAILABLE);
		assertThat(this.nonces).isEmpty();
	}

	@Test
	void verifyWhenJwksEndpointTimesOutThenVerifierUnavailable() {
		this.server.stubFor(get("/jwks").willReturn(okJson(TestEars.jwks(this.verifierKey))
			.withFixedDelay((int) TIMEOUT.multipliedBy(4).toMillis())));
		assertRefused(ear(), Reason.VERIFIER_UNAVAILABLE);
		assertThat(this.nonces).isEmpty();
	}

	@Test
	void verifyWhenJwksEndpointAnswersWithinTimeoutThenAffirming() {
		this.server.stubFor(get("/jwks").willReturn(okJson(TestEars.jwks(this.verifierKey))
			.withFixedDelay((int) TIMEOUT.dividedBy(5).toMillis())));
		assertThat(status(ear())).isEqualTo(AttestationStatus.AFFIRMING);
	}

	@Test
	void verifyWhenJwksEndpointAnswersGarbageThenVerifierUnavailable() {
		this.server.stubFor(get("/jwks").willReturn(aResponse().withStatus(200).withBody("<html>maintenance</html>")));
		assertRefused(ear(), Reason.VERIFIER_UNAVAILABLE);
	}

	// encoding

	@Test
	void verifyWhenNotAJwtThenMalformed() {
		assertThatThrownBy(() -> verifier(null).verify("not-a-jwt", this.device, this.nonceCheck))
			.isInstanceOfSatisfying(AttestationException.class, ex -> assertThat(ex.reason()).isEqualTo(Reason.MALFORMED));
		assertThat(this.nonces).isEmpty();
	}

	@Test
	void verifyWhenSurroundedByWhitespaceThenAffirming() {
		assertThat(verifier(null).verify("\n " + ear().sign() + " \n", this.device, this.nonceCheck).claims()
			.verifierStatus()).isEqualTo(AttestationStatus.AFFIRMING);
	}

	@Test
	void formatWhenAskedThenEar() {
		assertThat(verifier(null).format()).isEqualTo("ear");
	}

	// configuration

	@Test
	void constructorWhenHttpToNonLoopbackHostThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> earVerifier(URI.create("http://example.com/jwks"), null));
	}

	@Test
	void constructorWhenHttpToHostNamedLikeLoopbackThenIllegalArgument() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> earVerifier(URI.create("http://127.0.0.1.example.com/jwks"), null));
	}

	@Test
	void constructorWhenRelativeUrlThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> earVerifier(URI.create("/jwks"), null));
	}

	@Test
	void constructorWhenHttpsThenAccepted() {
		assertThatNoException().isThrownBy(() -> earVerifier(URI.create("https://example.com/jwks"), null));
	}

	@Test
	void constructorWhenHttpToLoopbackThenAccepted() {
		assertThatNoException().isThrownBy(() -> earVerifier(URI.create("http://localhost:8080/jwks"), null));
		assertThatNoException().isThrownBy(() -> earVerifier(URI.create("http://[::1]:8080/jwks"), null));
		assertThatNoException().isThrownBy(() -> earVerifier(URI.create("http://127.0.0.1:8080/jwks"), null));
	}

	/** A result about this test's device: it names the device's ueid. */
	private TestEars ear() {
		return TestEars.ear(this.verifierKey, NOW.minusSeconds(10), CHALLENGE).ueid(UEID);
	}

	private EarVerifier earVerifier(URI jwksUrl, String issuer) {
		return new EarVerifier(jwksUrl, issuer, TIMEOUT, MAX_AGE, this.clock);
	}

	private EarEvidenceVerifier verifier(String issuer) {
		return new EarEvidenceVerifier(earVerifier(URI.create("http://127.0.0.1:" + this.server.port() + "/jwks"), issuer));
	}

	private AttestationStatus status(TestEars ear) {
		return verifier(null).verify(ear.sign(), this.device, this.nonceCheck).claims().verifierStatus();
	}

	private void assertRefused(TestEars ear, Reason reason) {
		String evidence = ear.sign();
		assertThatThrownBy(() -> verifier(null).verify(evidence, this.device, this.nonceCheck))
			.isInstanceOfSatisfying(AttestationException.class, ex -> assertThat(ex.reason()).isEqualTo(reason));
	}

}
