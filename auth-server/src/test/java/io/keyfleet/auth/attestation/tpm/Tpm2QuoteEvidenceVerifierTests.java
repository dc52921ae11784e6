package io.keyfleet.auth.attestation.tpm;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.keyfleet.auth.attestation.AttestationException;
import io.keyfleet.auth.attestation.AttestationStatus;
import io.keyfleet.auth.attestation.DeviceAttestation;
import io.keyfleet.auth.attestation.TpmFixtures;
import io.keyfleet.auth.attestation.VerifiedEvidence;
import io.keyfleet.auth.attestation.policy.Appraisal;
import io.keyfleet.auth.attestation.policy.Appraiser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every case of the real swtpm quotes gives its stated outcome: verification with the
 * registered AK and the case's challenge, then appraisal with the golden PCR policy.
 */
class Tpm2QuoteEvidenceVerifierTests {

	private final Tpm2QuoteEvidenceVerifier verifier = new Tpm2QuoteEvidenceVerifier();

	private final Appraiser appraiser = new Appraiser();

	static List<TpmFixtures.Case> cases() {
		return TpmFixtures.cases();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void verifyWhenFixtureThenItsStatedOutcome(TpmFixtures.Case fixture) {
		DeviceAttestation device = new DeviceAttestation("dev-tpm", "KF-TPM", true, List.of("tpm2-quote"), null,
				fixture.akPem(), null);

		String outcome = outcome(fixture, device);

		assertThat(outcome).as(fixture.id()).isIn(fixture.outcomes());
	}

	private String outcome(TpmFixtures.Case fixture, DeviceAttestation device) {
		VerifiedEvidence verified;
		try {
			verified = this.verifier.verify(fixture.evidence(), device, nonce -> nonce.equals(fixture.challenge()));
		}
		catch (AttestationException ex) {
			return Map.of(AttestationException.Reason.NONCE_UNKNOWN, "nonce_mismatch",
					AttestationException.Reason.PCR_DIGEST_MISMATCH, "pcr_digest_mismatch",
					AttestationException.Reason.SIGNATURE_INVALID, "signature_invalid",
					AttestationException.Reason.MALFORMED, "malformed_quote", AttestationException.Reason.WRONG_ATTEST_TYPE,
					"wrong_attest_type", AttestationException.Reason.BAD_MAGIC, "bad_magic")
				.getOrDefault(ex.reason(), ex.reason().name());
		}
		Appraisal appraisal = this.appraiser.appraise(verified, TpmFixtures.goldenPolicy("KF-TPM"));
		return (appraisal.status() == AttestationStatus.AFFIRMING) ? "valid"
				: (appraisal.status() == AttestationStatus.CONTRAINDICATED) ? "pcr_policy_violation" : "warning";
	}

}
