package io.keyfleet.sim.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.keyfleet.sim.admin.Anomaly;
import io.keyfleet.sim.anomaly.Detection;
import io.keyfleet.sim.anomaly.DetectionWatch;
import io.keyfleet.sim.anomaly.Misbehaviour;
import org.HdrHistogram.Histogram;

/**
 * How the detection of one behaviour went in a soak: of the devices it was injected into,
 * how many got any anomaly from the injection on, how many one of the expected kind, and
 * how many within the contract's 10 s, with the time to detect ({@code detected_at} minus
 * the injection time, one machine and one clock) in an HdrHistogram of milliseconds.
 */
final class KindResult {

	private final Misbehaviour behaviour;

	private final Histogram timeToDetect = new Histogram(3);

	private final Map<String, Integer> kindsSeen = new TreeMap<>();

	private final List<String> failures = new ArrayList<>();

	private int injected;

	private int detected;

	private int detectedExpected;

	private int withinWindow;

	private int quarantined;

	KindResult(Misbehaviour behaviour) {
		this.behaviour = behaviour;
	}

	/**
	 * @param injection one injection of this behaviour
	 * @param anomalies every anomaly of its device in the run
	 * @param status the device's status at the end
	 */
	void add(Injection injection, List<Anomaly> anomalies, String status) {
		if (!injection.played()) {
			this.failures.add(injection.device() + ": " + injection.failure());
			return;
		}
		this.injected++;
		List<Anomaly> after = anomalies.stream()
			.filter((anomaly) -> !anomaly.detectedAt().isBefore(DetectionWatch.since(injection.injectedAt())))
			.toList();
		after.forEach((anomaly) -> this.kindsSeen.merge(anomaly.kind(), 1, Integer::sum));
		if (!after.isEmpty()) {
			this.detected++;
		}
		Detection detection = DetectionWatch.detection(after, this.behaviour.kind());
		if (detection.detected()) {
			this.detectedExpected++;
			Duration ttd = detection.timeToDetect(injection.injectedAt());
			this.timeToDetect.recordValue(ttd.toMillis());
			if (ttd.compareTo(DetectionWatch.CONTRACT_WINDOW) <= 0) {
				this.withinWindow++;
			}
		}
		if ("quarantined".equals(status)) {
			this.quarantined++;
		}
	}

	Misbehaviour behaviour() {
		return this.behaviour;
	}

	int planned() {
		return this.injected + this.failures.size();
	}

	int injected() {
		return this.injected;
	}

	int detected() {
		return this.detected;
	}

	int detectedExpected() {
		return this.detectedExpected;
	}

	int withinWindow() {
		return this.withinWindow;
	}

	int quarantined() {
		return this.quarantined;
	}

	List<String> failures() {
		return this.failures;
	}

	Map<String, Integer> kindsSeen() {
		return this.kindsSeen;
	}

	/**
	 * @param percentile e.g. 50 or 99
	 * @return the time to detect at that percentile in milliseconds, or -1 when nothing was detected
	 */
	long timeToDetectMillis(double percentile) {
		return (this.timeToDetect.getTotalCount() == 0) ? -1 : this.timeToDetect.getValueAtPercentile(percentile);
	}

}
