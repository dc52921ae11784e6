package io.keyfleet.auth.attestation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The appraised claims kept with a cached attestation result, so that the result can be
 * re-appraised against the policy in force when it is used rather than the one it was
 * appraised under (a firmware rollout takes effect on cached results at once; see
 * docs/attestation.md "Re-appraisal of cached results"). Only what {@code Appraiser}
 * reads is kept: software name and version, debug and secure-boot state, measurements,
 * PCR values, an external verifier's status — reference values, never secrets.
 */
final class StoredClaims {

	private StoredClaims() {
	}

	static Map<String, Object> write(EvidenceClaims claims) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("swname", claims.swname());
		json.put("swversion", claims.swversion());
		json.put("dbg", claims.debugEnabled());
		json.put("secboot", claims.secureBoot());
		json.put("measurements", claims.measurements());
		Map<String, String> pcrs = new LinkedHashMap<>();
		claims.pcrs().forEach((index, value) -> pcrs.put(Integer.toString(index), value));
		json.put("pcrs", pcrs);
		json.put("verifier_status", (claims.verifierStatus() != null) ? claims.verifierStatus().wireName() : null);
		return json;
	}

	/**
	 * Reads what {@link #write} wrote.
	 * @throws IllegalArgumentException when it is not that shape (the caller then treats
	 * the result as absent: fail closed)
	 */
	static EvidenceClaims read(Object value) {
		if (!(value instanceof Map<?, ?> json)) {
			throw new IllegalArgumentException("claims are not an object");
		}
		Map<String, String> measurements = new LinkedHashMap<>();
		strings(json.get("measurements")).forEach(measurements::put);
		Map<Integer, String> pcrs = new LinkedHashMap<>();
		strings(json.get("pcrs")).forEach((index, digest) -> pcrs.put(Integer.parseInt(index), digest));
		AttestationStatus verifierStatus = null;
		if (json.get("verifier_status") instanceof String status) {
			verifierStatus = AttestationStatus.fromWireName(status)
				.orElseThrow(() -> new IllegalArgumentException("unknown verifier status"));
		}
		return new EvidenceClaims(text(json.get("swname")), text(json.get("swversion")), flag(json.get("dbg")),
				flag(json.get("secboot")), Map.copyOf(measurements), Map.copyOf(pcrs), verifierStatus);
	}

	private static Map<String, String> strings(Object value) {
		if (value == null) {
			return Map.of();
		}
		if (!(value instanceof Map<?, ?> map)) {
			throw new IllegalArgumentException("not an object");
		}
		Map<String, String> strings = new LinkedHashMap<>();
		map.forEach((k, v) -> {
			if (!(k instanceof String key) || !(v instanceof String text)) {
				throw new IllegalArgumentException("not a map of strings");
			}
			strings.put(key, text);
		});
		return strings;
	}

	private static String text(Object value) {
		if (value == null || value instanceof String) {
			return (String) value;
		}
		throw new IllegalArgumentException("not a string");
	}

	private static Boolean flag(Object value) {
		if (value == null || value instanceof Boolean) {
			return (Boolean) value;
		}
		throw new IllegalArgumentException("not a boolean");
	}

}
