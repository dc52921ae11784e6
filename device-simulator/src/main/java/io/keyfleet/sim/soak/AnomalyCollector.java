package io.keyfleet.sim.soak;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.keyfleet.sim.admin.AdminClient;
import io.keyfleet.sim.admin.Anomaly;

/**
 * Reads {@code GET /api/v1/anomalies?since=<start of the run>} (every page) each poll and
 * keeps the anomalies of the run's devices by id, so that a report sees every anomaly once
 * even when the list is read many times. Detection times come from the server's
 * {@code detected_at}, not from when a poll saw them.
 */
final class AnomalyCollector {

	private final AdminClient admin;

	private final Instant since;

	private final Predicate<String> ofTheRun;

	private final Map<String, Anomaly> seen = new ConcurrentHashMap<>();

	private volatile String lastFailure;

	/**
	 * @param admin the admin API
	 * @param since the start of the run
	 * @param ofTheRun whether a device id belongs to the run
	 */
	AnomalyCollector(AdminClient admin, Instant since, Predicate<String> ofTheRun) {
		this.admin = admin;
		this.since = since;
		this.ofTheRun = ofTheRun;
	}

	/**
	 * Reads the list once; a failed read is remembered (and reported if the last one fails), not thrown.
	 */
	void poll() {
		try {
			for (Anomaly anomaly : this.admin.anomalies(null, this.since)) {
				if (this.ofTheRun.test(anomaly.device())) {
					this.seen.putIfAbsent(anomaly.id(), anomaly);
				}
			}
			this.lastFailure = null;
		}
		catch (RuntimeException ex) {
			this.lastFailure = ex.getMessage();
		}
	}

	/**
	 * @return why the last read failed, or {@code null} when it succeeded
	 */
	String lastFailure() {
		return this.lastFailure;
	}

	/**
	 * @return every anomaly of the run's devices seen so far
	 */
	List<Anomaly> anomalies() {
		return new ArrayList<>(this.seen.values());
	}

}
