package io.keyfleet.auth.attestation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An attestation result (RFC 9334 §3.3): what appraisal concluded about a device, from
 * which evidence format, and for how long it may stand in for fresh evidence.
 *
 * @param issuedAtMs when the evidence was appraised (epoch ms)
 * @param expiresAtMs when the result stops being usable (epoch ms); null when the policy's
 * {@code max_age_seconds} is 0 — the result then serves one token and lives as long as it
 */
public record AttestationResult(AttestationStatus status, String format, long issuedAtMs, Long expiresAtMs) {

	/** The token's {@code att} claim: {@code {status, fmt, iat, exp}}, times in seconds. */
	public Map<String, Object> claim(long tokenExpiresAtSeconds) {
		Map<String, Object> att = new LinkedHashMap<>();
		att.put("status", this.status.wireName());
		att.put("fmt", this.format);
		att.put("iat", this.issuedAtMs / 1000);
		att.put("exp", (this.expiresAtMs != null) ? this.expiresAtMs / 1000 : tokenExpiresAtSeconds);
		return att;
	}

}
