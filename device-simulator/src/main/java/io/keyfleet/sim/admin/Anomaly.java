package io.keyfleet.sim.admin;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import tools.jackson.databind.JsonNode;

/**
 * One anomaly as the admin API lists it (CONTRACT "Provisioning, lifecycle and anomalies":
 * {@code GET /api/v1/anomalies}), without its {@code evidence}, which the simulator only
 * prints.
 *
 * @param id the anomaly's id
 * @param device the device it is about
 * @param kind e.g. {@code clone}, {@code new_source}, {@code auth_failures}
 * @param score 0 to 100
 * @param detectedAt when the server detected it (RFC 3339 on the wire)
 * @param action the response taken: {@code flag}, {@code step_up} or {@code quarantine}
 */
public record Anomaly(String id, String device, String kind, int score, Instant detectedAt, String action) {

	/**
	 * @param json one item of the list
	 * @return the anomaly
	 * @throws AdminApiException when a member the contract names is missing or malformed
	 */
	static Anomaly fromJson(JsonNode json) {
		String id = json.path("id").asString(null);
		String device = json.path("device").asString(null);
		String kind = json.path("kind").asString(null);
		String detectedAt = json.path("detected_at").asString(null);
		if (id == null || device == null || kind == null || detectedAt == null) {
			throw new AdminApiException(200, "admin API: an anomaly lacks id, device, kind or detected_at: " + json);
		}
		try {
			return new Anomaly(id, device, kind, json.path("score").asInt(0), Instant.parse(detectedAt),
					json.path("action").asString(null));
		}
		catch (DateTimeParseException ex) {
			throw new AdminApiException(200, "admin API: detected_at is not RFC 3339: " + detectedAt);
		}
	}

	/**
	 * @return e.g. {@code clone (score 90, quarantine)}
	 */
	public String describe() {
		return this.kind + " (score " + this.score + ((this.action != null) ? ", " + this.action : "") + ")";
	}

}
