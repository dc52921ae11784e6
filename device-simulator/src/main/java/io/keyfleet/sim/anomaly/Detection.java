package io.keyfleet.sim.anomaly;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.keyfleet.sim.admin.Anomaly;

/**
 * What the anomaly list showed for one device after its misbehaviour.
 *
 * @param expected the first anomaly of the expected kind, or {@code null} when none came
 * @param seen every anomaly of the device since the misbehaviour, newest first
 */
public record Detection(Anomaly expected, List<Anomaly> seen) {

	public boolean detected() {
		return this.expected != null;
	}

	/**
	 * @param injectedAt when the misbehaviour began
	 * @return {@code detected_at - injectedAt}, at least zero (one machine, one clock)
	 */
	public Duration timeToDetect(Instant injectedAt) {
		Duration between = Duration.between(injectedAt, this.expected.detectedAt());
		return between.isNegative() ? Duration.ZERO : between;
	}

	/**
	 * @return the kinds seen, e.g. {@code [clone, new_source]}, or {@code none}
	 */
	public String kindsSeen() {
		return this.seen.isEmpty() ? "none" : this.seen.stream().map(Anomaly::describe).distinct().toList().toString();
	}

}
