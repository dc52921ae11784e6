package io.keyfleet.auth.anomaly;

import java.util.List;
import java.util.Map;

/**
 * Handles one stream event: learns from it and judges it against the client's baseline
 * ({@link Baselines}), records what it shows ({@link AnomalyStore}) and applies the
 * configured response to each anomaly it shows ({@link AnomalyResponder}). Each step is
 * idempotent per event, so an event re-delivered after a failure anywhere in between has
 * exactly one effect; a failure propagates so that the entry stays pending.
 */
public final class AnomalyDetector implements EventHandler {

	private final Baselines baselines;

	private final AnomalyStore anomalies;

	private final AnomalyResponder responder;

	private final Map<AnomalyKind, AnomalyResponse> responses;

	public AnomalyDetector(Baselines baselines, AnomalyStore anomalies, AnomalyResponder responder,
			Map<AnomalyKind, AnomalyResponse> responses) {
		this.baselines = baselines;
		this.anomalies = anomalies;
		this.responder = responder;
		this.responses = responses;
	}

	@Override
	public void handle(StreamEvent event) {
		if (!event.observable()) {
			return;
		}
		List<Signal> signals = this.baselines.observe(event);
		for (Signal signal : signals) {
			AnomalyResponse response = responseFor(signal.kind(), event);
			String anomalyId = this.anomalies.record(event.client(), signal, response, event.id());
			// also when the anomaly was open already: a device resumed while its clone carries on
			// is quarantined again (both responses are idempotent; quarantine leaves a device
			// that is not active as it is)
			this.responder.apply(response, event.client(), signal.kind(), anomalyId);
		}
	}

	/**
	 * The configured response, for devices only: a service client (or a claimed id nobody
	 * registered) is flagged, since quarantining a backend on a heuristic is an outage and
	 * step-up needs attestation, which services do not do.
	 */
	AnomalyResponse responseFor(AnomalyKind kind, StreamEvent event) {
		String clientKind = event.field("kind");
		// resource-guard names the client of a token whose signature it verified, but not its
		// kind: the responder finds out (a service is not found as a device and stays flagged)
		boolean device = "device".equals(clientKind)
				|| (clientKind == null && "resource.denied".equals(event.type()));
		return device ? this.responses.get(kind) : AnomalyResponse.FLAG;
	}

}
