package io.keyfleet.auth.pki;

import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Keyfleet remembers of a certificate it issued, stored as JSON at
 * {@code <prefix>cert:<serial lowercase hex>} (docs/guard-state.md): the device, the
 * certificate's {@code x5t#S256} (RFC 8705 §3.1), {@code not_after}, and its status —
 * {@code good}, or {@code revoked} with {@code reason} and {@code revoked_at}.
 */
public record CertificateRecord(BigInteger serial, String device, String thumbprint, Instant notAfter,
		boolean revoked, RevocationReason reason, Instant revokedAt) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public static CertificateRecord good(BigInteger serial, String device, String thumbprint, Instant notAfter) {
		return new CertificateRecord(serial, device, thumbprint, notAfter, false, null, null);
	}

	/** The serial as the store keys it: lowercase hex, no leading zeros. */
	public String serialHex() {
		return this.serial.toString(16);
	}

	String toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("device", this.device);
		json.put("x5t#S256", this.thumbprint);
		json.put("not_after", this.notAfter.getEpochSecond());
		json.put("status", this.revoked ? "revoked" : "good");
		if (this.revoked) {
			json.put("reason", this.reason.name());
			json.put("revoked_at", this.revokedAt.getEpochSecond());
		}
		return JSON.writeValueAsString(json);
	}

	static CertificateRecord fromJson(BigInteger serial, String text) {
		JsonNode json = JSON.readTree(text);
		boolean revoked = "revoked".equals(json.path("status").asString());
		return new CertificateRecord(serial, json.path("device").asString(), json.path("x5t#S256").asString(),
				Instant.ofEpochSecond(json.path("not_after").asLong()), revoked,
				revoked ? RevocationReason.named(json.path("reason").asString()).orElse(RevocationReason.unspecified)
						: null,
				revoked ? Instant.ofEpochSecond(json.path("revoked_at").asLong()) : null);
	}

}
