package io.keyfleet.sim.anomaly;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

import io.keyfleet.sim.admin.AdminClient;
import io.keyfleet.sim.admin.Anomaly;

/**
 * Polls {@code GET /api/v1/anomalies?device=&since=} (admin credentials) until an anomaly
 * of the expected kind is listed for the device, or the time is up (the contract: each kind
 * is detected within 10 s of the behaviour).
 */
public final class DetectionWatch {

	/** CONTRACT: every kind is detected within 10 s of the behaviour. */
	public static final Duration CONTRACT_WINDOW = Duration.ofSeconds(10);

	private final AdminClient admin;

	private final Clock clock;

	private final Duration pollInterval;

	public DetectionWatch(AdminClient admin, Clock clock, Duration pollInterval) {
		this.admin = admin;
		this.clock = clock;
		this.pollInterval = pollInterval;
	}

	/**
	 * @param deviceId the device
	 * @param kind the expected kind
	 * @param injectedAt when the misbehaviour began
	 * @param timeout how long to wait for it from now
	 * @return what was listed: the expected anomaly, or none by the end of the wait
	 */
	public Detection await(String deviceId, String kind, Instant injectedAt, Duration timeout) {
		Instant deadline = this.clock.instant().plus(timeout);
		while (true) {
			Detection detection = detection(this.admin.anomalies(deviceId, since(injectedAt)), kind);
			if (detection.detected() || !this.clock.instant().isBefore(deadline)) {
				return detection;
			}
			Pause.millis(this.pollInterval.toMillis());
		}
	}

	/**
	 * A server may give {@code detected_at} to the second only: anomalies from the second the
	 * misbehaviour began count as after it.
	 * @param injectedAt when the misbehaviour began
	 * @return the {@code since} to ask with
	 */
	public static Instant since(Instant injectedAt) {
		return injectedAt.truncatedTo(ChronoUnit.SECONDS);
	}

	/**
	 * @param anomalies a device's anomalies since its misbehaviour
	 * @param kind the expected kind
	 * @return the earliest of that kind, with all of them
	 */
	public static Detection detection(List<Anomaly> anomalies, String kind) {
		Anomaly first = anomalies.stream()
			.filter((anomaly) -> anomaly.kind().equals(kind))
			.min(Comparator.comparing(Anomaly::detectedAt))
			.orElse(null);
		return new Detection(first, anomalies);
	}

}
