package io.keyfleet.auth.attestation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.keyfleet.auth.attestation.policy.AppraisalPolicy;

/**
 * The real TPM 2.0 quotes of {@code shared/fixtures/tpm} (made with swtpm and tpm2-tools,
 * copied verbatim into the test resources): every case with its evidence, challenge,
 * registered AK and expected outcome.
 */
public final class TpmFixtures {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonNode MANIFEST = read("fixtures.json");

	private TpmFixtures() {
	}

	public static List<Case> cases() {
		List<Case> cases = new ArrayList<>();
		MANIFEST.get("cases").forEach(c -> {
			List<String> acceptable = new ArrayList<>();
			acceptable.add(c.get("expected").asString());
			c.path("also_acceptable").forEach(a -> acceptable.add(a.asString()));
			cases.add(new Case(c.get("id").asString(), c.get("evidence").asString(),
					c.get("challenge_b64url").asString(), text(c.get("registered_ak_pem_file").asString()),
					List.copyOf(acceptable)));
		});
		return cases;
	}

	/** The golden PCR values as a policy. */
	@SuppressWarnings("unchecked")
	public static AppraisalPolicy goldenPolicy(String model) {
		Map<String, Map<String, String>> pcrs = JSON.convertValue(MANIFEST.get("golden_policy").get("pcrs"), Map.class);
		return new AppraisalPolicy(model, 3600, null, new AppraisalPolicy.Tpm2Quote(pcrs));
	}

	public static String text(String path) {
		try (InputStream in = TpmFixtures.class.getResourceAsStream("/fixtures/tpm/" + path)) {
			if (in == null) {
				throw new IllegalStateException("missing fixture " + path);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static JsonNode read(String path) {
		return JSON.readTree(text(path));
	}

	/**
	 * One case of the manifest.
	 * @param outcomes the expected reason first, then the also-acceptable ones
	 */
	public record Case(String id, String evidence, String challenge, String akPem, List<String> outcomes) {

		@Override
		public String toString() {
			return this.id;
		}

	}

}
