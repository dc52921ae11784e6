package io.keyfleet.auth.attestation.policy;

import java.util.List;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.keyfleet.auth.attestation.AttestationException;
import io.keyfleet.auth.attestation.AttestationException.Reason;
import io.keyfleet.auth.attestation.AttestationStatus;
import io.keyfleet.auth.attestation.EvidenceClaims;
import io.keyfleet.auth.attestation.VerifiedEvidence;

import io.keyfleet.auth.support.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The edges of appraisal (CONTRACT "Appraisal policy"): what a policy that says nothing
 * about a format, and evidence that says nothing about its version, lead to.
 */
class AppraiserTests {

	private static final String PCR = "ab".repeat(32);

	private static final AppraisalPolicy.Eat EAT_POLICY = new AppraisalPolicy.Eat(null, null, "2.5.0", null, null);

	private final Appraiser appraiser = new Appraiser();

	@Test
	void appraiseWhenTpmQuoteAndThePolicyHasOnlyEatValuesThenNoPolicyNotContraindicated() {
		AppraisalPolicy eatOnly = new AppraisalPolicy("M", null, EAT_POLICY, null);

		assertThatThrownBy(() -> this.appraiser.appraise(quote(Map.of(0, PCR)), eatOnly))
			.isInstanceOfSatisfying(AttestationException.class, (ex) -> assertThat(ex.reason()).isEqualTo(Reason.NO_POLICY));
		assertThat(Reason.NO_POLICY.contraindicates()).isFalse();
	}

	@Test
	void appraiseWhenTpmQuoteAndThePolicyHasItsPcrsThenAffirming() {
		AppraisalPolicy tpm = new AppraisalPolicy("M", null, null,
				new AppraisalPolicy.Tpm2Quote(Map.of("sha256", Map.of("0", PCR))));

		assertThat(this.appraiser.appraise(quote(Map.of(0, PCR)), tpm).status()).isEqualTo(AttestationStatus.AFFIRMING);
	}

	@Test
	void appraiseWhenEatAndThePolicyHasOnlyPcrsThenNoPolicy() {
		AppraisalPolicy tpmOnly = new AppraisalPolicy("M", null, null,
				new AppraisalPolicy.Tpm2Quote(Map.of("sha256", Map.of("0", PCR))));

		assertThatThrownBy(() -> this.appraiser.appraise(eat("2.5.0"), tpmOnly))
			.isInstanceOfSatisfying(AttestationException.class, (ex) -> assertThat(ex.reason()).isEqualTo(Reason.NO_POLICY));
	}

	@Test
	void appraiseWhenVersionUnreadableAndARecommendedOneIsSetThenWarning() {
		AppraisalPolicy policy = new AppraisalPolicy("M", null, EAT_POLICY, null);

		assertThat(this.appraiser.appraise(eat("2.5.0-rc1"), policy).status()).isEqualTo(AttestationStatus.WARNING);
		assertThat(this.appraiser.appraise(eat(null), policy).status()).isEqualTo(AttestationStatus.WARNING);
	}

	@Test
	void appraiseWhenVersionAtTheRecommendedOneThenAffirming() {
		AppraisalPolicy policy = new AppraisalPolicy("M", null, EAT_POLICY, null);

		assertThat(this.appraiser.appraise(eat("2.5.0"), policy).status()).isEqualTo(AttestationStatus.AFFIRMING);
	}

	@Test
	void appraiseWhenBelowRecommendedThenWarningUntilTheDeadlineAndContraindicatedFromIt() {
		MovableClock clock = new MovableClock(Instant.parse("2026-12-30T23:59:59Z"));
		Appraiser appraiser = new Appraiser(clock);
		AppraisalPolicy policy = new AppraisalPolicy("M", null,
				new AppraisalPolicy.Eat(null, null, "2.5.0", null, null, "2026-12-31T00:00:00Z"), null);
		assertThat(appraiser.appraise(eat("2.4.9"), policy).status()).isEqualTo(AttestationStatus.WARNING);

		clock.advance(Duration.ofSeconds(1));

		Appraisal after = appraiser.appraise(eat("2.4.9"), policy);
		assertThat(after.status()).isEqualTo(AttestationStatus.CONTRAINDICATED);
		assertThat(after.reasons()).singleElement().asString().contains("deadline");
		assertThat(appraiser.appraise(eat("2.5.0"), policy).status()).isEqualTo(AttestationStatus.AFFIRMING);
	}

	@Test
	void appraiseWhenDeadlineWithAnOffsetThenComparedAsTheInstantItNames() {
		MovableClock clock = new MovableClock(Instant.parse("2026-12-30T23:30:00Z"));
		AppraisalPolicy policy = new AppraisalPolicy("M", null,
				new AppraisalPolicy.Eat(null, null, "2.5.0", null, null, "2026-12-31T00:00:00+01:00"), null);

		assertThat(new Appraiser(clock).appraise(eat("2.4.9"), policy).status())
			.isEqualTo(AttestationStatus.CONTRAINDICATED);
	}

	private static VerifiedEvidence quote(Map<Integer, String> pcrs) {
		return new VerifiedEvidence("tpm2-quote", EvidenceClaims.ofPcrs(pcrs));
	}

	private static VerifiedEvidence eat(String version) {
		return new VerifiedEvidence("eat", new EvidenceClaims(null, version, false, true, Map.of(), Map.of(), null));
	}

}
