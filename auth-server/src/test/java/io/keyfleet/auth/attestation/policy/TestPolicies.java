package io.keyfleet.auth.attestation.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Appraisal policy documents (CONTRACT "Appraisal policy") as JSON text: a valid one with
 * EAT and TPM reference values by default; {@link #set} and {@link #remove} change one
 * field, by its dotted path.
 */
final class TestPolicies {

	static final String BOOTLOADER = "sha-256:" + "1a".repeat(32);

	static final String KERNEL = "sha-256:" + "2b".repeat(32);

	static final String PCR0 = "0".repeat(64);

	static final String PCR7 = "7f".repeat(32);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Object> document = new LinkedHashMap<>();

	private TestPolicies(String model) {
		this.document.put("model", model);
		this.document.put("max_age_seconds", 3600);
		Map<String, Object> eat = new LinkedHashMap<>();
		eat.put("swname", "keyfleet-edge-os");
		eat.put("min_swversion", "2.4.0");
		eat.put("recommended_swversion", "2.5.0");
		eat.put("require_secboot", true);
		Map<String, Object> measurements = new LinkedHashMap<>();
		measurements.put("bootloader", new ArrayList<>(List.of(BOOTLOADER)));
		measurements.put("kernel", new ArrayList<>(List.of(KERNEL)));
		eat.put("measurements", measurements);
		this.document.put("eat", eat);
		Map<String, Object> sha256 = new LinkedHashMap<>();
		sha256.put("0", PCR0);
		sha256.put("7", PCR7);
		Map<String, Object> pcrs = new LinkedHashMap<>();
		pcrs.put("sha256", sha256);
		Map<String, Object> tpm = new LinkedHashMap<>();
		tpm.put("pcrs", pcrs);
		this.document.put("tpm2_quote", tpm);
	}

	static TestPolicies policy(String model) {
		return new TestPolicies(model);
	}

	/** Sets the field at a dotted path ({@code eat.measurements.kernel}); null writes JSON null. */
	TestPolicies set(String path, Object value) {
		parent(path).put(last(path), value);
		return this;
	}

	TestPolicies remove(String path) {
		parent(path).remove(last(path));
		return this;
	}

	String json() {
		return JSON.writeValueAsString(this.document);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> parent(String path) {
		Map<String, Object> node = this.document;
		String[] parts = path.split("\\.", -1);
		for (int i = 0; i < parts.length - 1; i++) {
			node = (Map<String, Object>) node.computeIfAbsent(parts[i], (k) -> new LinkedHashMap<>());
		}
		return node;
	}

	private static String last(String path) {
		return path.substring(path.lastIndexOf('.') + 1);
	}

}
