package io.keyfleet.auth.attestation.policy;

import java.time.Instant;
import java.time.OffsetDateTime;
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
	 * @param recommendedSwversionDeadline RFC 3339 instant after which a version below
	 * {@code recommended_swversion} is contraindicated instead of a warning (a firmware
	 * rollout's end), or null: below recommended stays a warning
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Eat(String swname, String minSwversion, String recommendedSwversion, Boolean requireSecboot,
			Map<String, List<String>> measurements, String recommendedSwversionDeadline) {

		public Eat(String swname, String minSwversion, String recommendedSwversion, Boolean requireSecboot,
				Map<String, List<String>> measurements) {
			this(swname, minSwversion, recommendedSwversion, requireSecboot, measurements, null);
		}

		/** The deadline as an instant, or null; call only on a validated policy. */
		public Instant deadline() {
			return (this.recommendedSwversionDeadline != null)
					? OffsetDateTime.parse(this.recommendedSwversionDeadline).toInstant() : null;
		}

	}

	/**
	 * @param pcrs bank ({@code sha256}) → PCR index → value (lowercase hex)
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Tpm2Quote(Map<String, Map<String, String>> pcrs) {
	}

}
