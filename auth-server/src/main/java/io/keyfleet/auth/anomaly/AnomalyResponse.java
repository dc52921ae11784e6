package io.keyfleet.auth.anomaly;

/**
 * What the detector does about a new anomaly (CONTRACT "Provisioning, lifecycle and
 * anomalies"); configured per kind in {@code keyfleet.anomaly.responses}.
 */
public enum AnomalyResponse {

	/** Record the anomaly only. */
	FLAG("flag"),

	/** As the admin step-up: fresh evidence on the next token request, current tokens unattested. */
	STEP_UP("step_up"),

	/** Status {@code quarantined} and kill switch; left only by an admin {@code resume}. */
	QUARANTINE("quarantine");

	private final String wireName;

	AnomalyResponse(String wireName) {
		this.wireName = wireName;
	}

	public String wireName() {
		return this.wireName;
	}

}
