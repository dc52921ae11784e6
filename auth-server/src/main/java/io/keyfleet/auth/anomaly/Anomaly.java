package io.keyfleet.auth.anomaly;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An anomaly as the admin API shows it (CONTRACT "Provisioning, lifecycle and anomalies"):
 * the contract's fields ({@code id, device, kind, score, detected_at, evidence, action})
 * plus {@code status} ({@code open} | {@code resolved}), {@code count} (detections while it
 * was open), {@code last_detected_at} and, once resolved, {@code resolved_at}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Anomaly(String id, String device, String kind, int score, String detectedAt,
		Map<String, Object> evidence, String action, String status, long count, String lastDetectedAt,
		String resolvedAt, @JsonIgnore long order) {

	static String time(String epochMillis) {
		return (epochMillis != null) ? Instant.ofEpochMilli(Long.parseLong(epochMillis)).toString() : null;
	}

}
