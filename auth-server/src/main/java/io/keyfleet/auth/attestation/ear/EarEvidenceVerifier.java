package io.keyfleet.auth.attestation.ear;

import io.keyfleet.auth.attestation.AttestationException.Reason;
import io.keyfleet.auth.attestation.DeviceAttestation;
import io.keyfleet.auth.attestation.EvidenceClaims;
import io.keyfleet.auth.attestation.EvidenceVerifier;
import io.keyfleet.auth.attestation.NonceCheck;
import io.keyfleet.auth.attestation.VerifiedEvidence;

/**
 * {@code ear}: the device presents an EAT Attestation Result that a trusted external
 * verifier made for it (RFC 9334 passport model). The result's {@code ear.status} is the
 * outcome; a forged or foreign signature is a contraindication, as for any evidence.
 *
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-rats-ear/">draft-ietf-rats-ear</a>
 */
public final class EarEvidenceVerifier implements EvidenceVerifier {

	public static final String FORMAT = "ear";

	private final EarVerifier ears;

	public EarEvidenceVerifier(EarVerifier ears) {
		this.ears = ears;
	}

	@Override
	public String format() {
		return FORMAT;
	}

	@Override
	public VerifiedEvidence verify(String evidence, DeviceAttestation device, NonceCheck nonces) {
		return new VerifiedEvidence(FORMAT, EvidenceClaims
			.ofVerifierStatus(this.ears.verify(evidence.trim(), device, nonces, Reason.SIGNATURE_INVALID)));
	}

}
