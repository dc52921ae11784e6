package io.keyfleet.auth.attestation.policy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The appraisal policy of one device model (CONTRACT "Appraisal policy"): how long a
 * result stays good and the reference values evidence is compared with.
 *
 * @param maxAgeSeconds how long an attestation result is reused (0: fresh evidence with
 * every token request)
 * @param eat reference values for EAT evidence, or null
 * @param tpm2Quote reference PCR values for TPM quotes, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppraisalPolicy(String model, Integer maxAgeSeconds, Eat eat, Tpm2Quote tpm2Quote) {

	public static final int DEFAULT_MAX_AGE_SECONDS = 3600;

	public int maxAge() {
		return (this.maxAgeSeconds != null) ? this.maxAgeSeconds : DEFAULT_MAX_AGE_SECONDS;
	}

	/**
	 * @param measurements component → allowed digests ({@code sha-256:<hex>})
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Eat(String swname, String minSwversion, String recommendedSwversion, Boolean requireSecboot,
			Map<String, List<String>> measurements) {
	}

	/**
	 * @param pcrs bank ({@code sha256}) → PCR index → value (lowercase hex)
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Tpm2Quote(Map<String, Map<String, String>> pcrs) {
	}

}
