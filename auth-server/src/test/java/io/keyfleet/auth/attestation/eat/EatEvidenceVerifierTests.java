package io.keyfleet.auth.attestation.eat;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.List;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.keyfleet.auth.attestation.AttestationException;
import io.keyfleet.auth.attestation.AttestationException.Reason;
import io.keyfleet.auth.attestation.AttestationStatus;
import io.keyfleet.auth.attestation.DeviceAttestation;
import io.keyfleet.auth.attestation.VerifiedEvidence;
import io.keyfleet.auth.attestation.policy.AppraisalPolicy;
import io.keyfleet.auth.attestation.policy.Appraiser;
import io.keyfleet.auth.clientauth.TrustedCertificateAuthorities;
import io.keyfleet.auth.support.TestCertificates;
import io.keyfleet.auth.support.TestDevices;
import io.keyfleet.auth.support.TestEvidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EAT evidence: each refusal next to its allowed twin, with real ES256 keys. */
class EatEvidenceVerifierTests {

	private static final String UEID = "AQID";

	private static final String CHALLENGE = "c".repeat(43);

	private final ECKey key = TestDevices.ecKey("eat-1");

	private final TestCertificates.Ca manufacturer = TestCertificates.newCa("CN=Acme Manufacturer CA");

	private final EatEvidenceVerifier verifier = new EatEvidenceVerifier(
			new TrustedCertificateAuthorities(List.of(this.manufacturer.certificate())));

	private final AppraisalPolicy policy = JsonMapper.builder().build()
		.convertValue(TestEvidence.policy("KF-EDGE-100", 3600), AppraisalPolicy.class);

	private final DeviceAttestation device = new DeviceAttestation("dev-1", "KF-EDGE-100", true, List.of("eat"),
			this.key.toPublicJWK().toJSONObject(), null, UEID);

	@Test
	void appraiseWhenHealthyDeviceThenAffirming() {
		assertThat(appraise(TestEvidence.eat(this.key, UEID, CHALLENGE))).isEqualTo(AttestationStatus.AFFIRMING);
	}

	@Test
	void verifyWhenNonceIsAnArrayContainingTheChallengeThenAccepted() {
		assertThat(appraise(TestEvidence.eat(this.key, UEID, null).nonce(List.of("x", CHALLENGE))))
			.isEqualTo(AttestationStatus.AFFIRMING);
	}

	@Test
	void verifyWhenNonceIsNotTheChallengeThenNonceMismatch() {
		assertRefused(TestEvidence.eat(this.key, UEID, "d".repeat(43)), Reason.NONCE_UNKNOWN);
	}

	@Test
	void verifyWhenSignedByAnotherKeyThenSignatureInvalid() {
		assertRefused(TestEvidence.eat(TestDevices.ecKey("eat-1"), UEID, CHALLENGE), Reason.SIGNATURE_INVALID);
	}

	@Test
	void verifyWhenUeidIsAnotherDevicesThenIdentityMismatch() {
		assertRefused(TestEvidence.eat(this.key, "BAUG", CHALLENGE), Reason.IDENTITY_MISMATCH);
	}

	@Test
	void verifyWhenNotTypedEatJwtThenMalformed() {
		assertRefused(TestEvidence.eat(this.key, UEID, CHALLENGE).typ("JWT"), Reason.MALFORMED);
	}

	@Test
	void verifyWhenNotAJwtThenMalformed() {
		assertThatThrownBy(() -> this.verifier.verify("garbage", this.device, n -> true))
			.isInstanceOfSatisfying(AttestationException.class, ex -> assertThat(ex.reason()).isEqualTo(Reason.MALFORMED));
	}

	@Test
	void verifyWhenX5cChainsToATrustedManufacturerThenAccepted() throws Exception {
		KeyPair pair = TestCertificates.newKeyPair();
		X509Certificate leaf = TestCertificates.fromCa(this.manufacturer, pair, "CN=dev-1");
		ECKey certifiedKey = new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic())
			.privateKey((ECPrivateKey) pair.getPrivate())
			.build();

		assertThat(appraise(TestEvidence.eat(certifiedKey, UEID, CHALLENGE).x5c(List.of(Base64.encode(leaf.getEncoded()),
				Base64.encode(this.manufacturer.certificate().getEncoded()))))).isEqualTo(AttestationStatus.AFFIRMING);
	}

	@Test
	void verifyWhenX5cChainsToAnUnknownCaThenSignatureInvalid() throws Exception {
		TestCertificates.Ca rogue = TestCertificates.newCa("CN=Rogue");
		KeyPair pair = TestCertificates.newKeyPair();
		X509Certificate leaf = TestCertificates.fromCa(rogue, pair, "CN=dev-1");
		ECKey certifiedKey = new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic())
			.privateKey((ECPrivateKey) pair.getPrivate())
			.build();

		assertRefused(TestEvidence.eat(certifiedKey, UEID, CHALLENGE).x5c(List.of(Base64.encode(leaf.getEncoded()),
				Base64.encode(rogue.certificate().getEncoded()))), Reason.SIGNATURE_INVALID);
	}

	@Test
	void appraiseWhenDebugEnabledThenContraindicatedAndDisabledIsFine() {
		assertThat(appraise(TestEvidence.eat(this.key, UEID, CHALLENGE).dbgstat("enabled")))
			.isEqualTo(AttestationStatus.CONTRAINDICATED);
		assertThat(appraise(TestEvidence.eat(this.key, UEID, CHALLENGE).dbgstat(0)))
			.isEqualTo(AttestationStatus.CONTRAINDICATED);
		assertThat(appraise(TestEvidence.eat(this.key, UEID, CHALLENGE).dbgstat(3))).isEqualTo(AttestationStatus.AFFIRMING);
		assertThat(appraise(TestEvidence.eat(this.key, UEID, CHALLENGE).dbgstat("disabled-permanently")))
			.isEqualTo(AttestationStatus.AFFIRMING);
	}

	@Test
	void appraiseWhenDebugStateAbsentThenWarning() {
		assertThat(appraise(TestEvidence.eat(this.key, UEID, CHALLENGE).dbgstat(null))).isEqualTo(AttestationStatus.WARNING);
	}

	@Test
	void appraiseWhenSecureBootOffWhileRequiredThenContraindicated() {
		assertThat(appraise(TestEvidence.eat(this.key, UEID, CHALLENGE).secboot(false)))
			.isEqualTo(AttestationStatus.CONTRAINDICATED);
	}

	@Test
	void appraiseWhenVersionBelowMinimumThenContraindicatedBelowRecommendedThenWarning() {
		assertThat(appraise(TestEvidence.eat(this.key, UEID, CHALLENGE).swversion(List.of("2.3.9"))))
			.isEqualTo(AttestationStatus.CONTRAINDICATED);
		assertThat(appraise(TestEvidence.eat(this.key, UEID, CHALLENGE).swversion(List.of("2.4.1", 16384))))
			.isEqualTo(AttestationStatus.WARNING);
		assertThat(appraise(TestEvidence.eat(this.key, UEID, CHALLENGE).swversion(List.of("2.10.0"))))
			.isEqualTo(AttestationStatus.AFFIRMING);
	}

	@Test
	void appraiseWhenComponentMissingOrDigestNotAllowedThenContraindicated() {
		assertThat(appraise(TestEvidence.eat(this.key, UEID, CHALLENGE).measurement("kernel", null)))
			.isEqualTo(AttestationStatus.CONTRAINDICATED);
		assertThat(appraise(TestEvidence.eat(this.key, UEID, CHALLENGE).measurement("kernel", "sha-256:" + "9".repeat(64))))
			.isEqualTo(AttestationStatus.CONTRAINDICATED);
	}

	@Test
	void appraiseWhenOtherSoftwareThenContraindicated() {
		assertThat(appraise(TestEvidence.eat(this.key, UEID, CHALLENGE).swname("other-os")))
			.isEqualTo(AttestationStatus.CONTRAINDICATED);
	}

	private AttestationStatus appraise(TestEvidence evidence) {
		VerifiedEvidence verified = this.verifier.verify(evidence.sign(), this.device, CHALLENGE::equals);
		return new Appraiser().appraise(verified, this.policy).status();
	}

	private void assertRefused(TestEvidence evidence, Reason reason) {
		assertThatThrownBy(() -> this.verifier.verify(evidence.sign(), this.device, CHALLENGE::equals))
			.isInstanceOfSatisfying(AttestationException.class, ex -> assertThat(ex.reason()).isEqualTo(reason));
	}

}
