package io.keyfleet.auth.anomaly;

import java.util.List;

/**
 * A device's risk score, 0–100, from its open anomalies: the probability that at least one
 * of them is real, reading each score as a probability ("noisy or"):
 * {@code round(100 × (1 − Π (1 − score_i / 100)))}. No open anomaly is 0; one anomaly gives
 * its own score; more raise it towards 100 without passing it.
 */
public final class RiskScore {

	private RiskScore() {
	}

	public static int of(List<Anomaly> open) {
		double clean = 1.0;
		for (Anomaly anomaly : open) {
			clean *= 1.0 - Math.min(100, Math.max(0, anomaly.score())) / 100.0;
		}
		return (int) Math.round(100 * (1 - clean));
	}

}
