package io.keyfleet.auth.attestation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import io.keyfleet.auth.attestation.policy.AppraisalPolicy;

/**
 * Fingerprints for the {@code attestation} event (docs/contract-as-built.md "Events
 * stream"): lowercase hex SHA-256 over canonical JSON — object keys sorted, no
 * whitespace, absent values left out — so that the same device state, or the same
 * policy, always gives the same fingerprint, whatever the evidence's encoding or the
 * order the policy was written in. A consumer compares fingerprints; it never sees the
 * evidence itself.
 *
 * <p>
 * The evidence fingerprint covers what appraisal looks at (RFC 9334 §8): {@code swname},
 * {@code swversion}, {@code secboot}, {@code dbgstat} ({@code enabled} /
 * {@code disabled}), {@code measurements} (component → digest), {@code pcrs} (index →
 * value) and, for an external verifier's result, {@code verifier_status}.
 */
public final class AttestationFingerprints {

	private static final JsonMapper CANONICAL = JsonMapper.builder()
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
		.build();

	private AttestationFingerprints() {
	}

	/** The fingerprint of verified evidence's appraised claims. */
	public static String evidence(EvidenceClaims claims) {
		Map<String, Object> canonical = new TreeMap<>();
		put(canonical, "swname", claims.swname());
		put(canonical, "swversion", claims.swversion());
		put(canonical, "secboot", claims.secureBoot());
		if (claims.debugEnabled() != null) {
			canonical.put("dbgstat", claims.debugEnabled() ? "enabled" : "disabled");
		}
		if (claims.measurements() != null && !claims.measurements().isEmpty()) {
			canonical.put("measurements", new TreeMap<>(claims.measurements()));
		}
		if (claims.pcrs() != null && !claims.pcrs().isEmpty()) {
			Map<String, String> pcrs = new TreeMap<>();
			claims.pcrs().forEach((index, value) -> pcrs.put(Integer.toString(index), value));
			canonical.put("pcrs", pcrs);
		}
		if (claims.verifierStatus() != null) {
			canonical.put("verifier_status", claims.verifierStatus().wireName());
		}
		return sha256(CANONICAL.writeValueAsString(canonical));
	}

	/** The fingerprint of an appraisal policy as applied (its normal form, canonical JSON). */
	public static String policy(AppraisalPolicy policy) {
		return sha256(CANONICAL.writeValueAsString(policy));
	}

	private static void put(Map<String, Object> map, String key, Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

	static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
