package io.keyfleet.sim.load;

import io.keyfleet.sim.attest.AttestMode;
import io.keyfleet.sim.attest.Attester;

/**
 * The attestation of one device of a load run: its Attester, built once, and
 * whether it sends fresh evidence with every request ({@link AttestMode#ALWAYS}: a
 * challenge, then the token request with an EAT over it) or only when the server asks
 * ({@link AttestMode#WHEN_ASKED}: the token request alone while the server's result stands).
 */
final class LoadAttester {

	private final String formPrefix;

	private final Attester attester;

	private final boolean always;

	LoadAttester(Attester attester, AttestMode mode) {
		// format names and base64url evidence (with '.' in a JWS) need no form encoding
		this.formPrefix = "attestation_format=" + attester.format() + "&attestation_evidence=";
		this.attester = attester;
		this.always = (mode == AttestMode.ALWAYS);
	}

	boolean always() {
		return this.always;
	}

	/**
	 * @param out the form being written
	 * @param challenge the challenge just fetched
	 */
	void appendEvidence(AsciiBuffer out, String challenge) {
		out.append(this.formPrefix).append(this.attester.evidence(challenge)).append('&');
	}

}
