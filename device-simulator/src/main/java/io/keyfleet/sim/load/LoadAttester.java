package io.keyfleet.sim.load;

import java.time.Instant;

import io.keyfleet.sim.attest.AttestMode;
import io.keyfleet.sim.attest.AttestingDevice;
import io.keyfleet.sim.attest.EatEvidence;

/**
 * The attestation of one device of a load run: its evidence signer, built once, and
 * whether it sends fresh evidence with every request ({@link AttestMode#ALWAYS}: a
 * challenge, then the token request with an EAT over it) or only when the server asks
 * ({@link AttestMode#WHEN_ASKED}: the token request alone while the server's result stands).
 */
final class LoadAttester {

	private final String formPrefix;

	private final EatEvidence evidence;

	private final boolean always;

	LoadAttester(AttestingDevice device, AttestMode mode) {
		// base64url and '.' need no form encoding
		this.formPrefix = "attestation_format=" + device.format() + "&attestation_evidence=";
		this.evidence = device.evidence();
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
		out.append(this.formPrefix).append(this.evidence.sign(challenge, Instant.now())).append('&');
	}

}
