package io.keyfleet.auth.attestation;

/** Evidence whose signature, nonce and device identity have been checked. */
public record VerifiedEvidence(String format, EvidenceClaims claims) {
}
