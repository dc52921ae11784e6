package io.keyfleet.auth.anomaly;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyfleet.auth.attestation.AttestationService;
import io.keyfleet.auth.client.ClientNotFoundException;
import io.keyfleet.auth.client.ClientService;

/**
 * Applies the configured response to a detected anomaly (CONTRACT "Provisioning,
 * lifecycle and anomalies"): {@code step_up} does what the admin step-up does,
 * {@code quarantine} is {@link ClientService#quarantine}. Both are idempotent, so applying
 * one again after a re-delivered event is harmless. Actor in the audit log:
 * {@value #ACTOR}.
 */
public final class AnomalyResponder {

	static final String ACTOR = "anomaly-detector";

	private static final Logger log = LoggerFactory.getLogger(AnomalyResponder.class);

	private final ClientService clients;

	private final AttestationService attestation;

	public AnomalyResponder(ClientService clients, AttestationService attestation) {
		this.clients = clients;
		this.attestation = attestation;
	}

	public void apply(AnomalyResponse response, String device, AnomalyKind kind, String anomalyId) {
		try {
			switch (response) {
				case STEP_UP -> this.attestation.stepUp(device, ACTOR);
				case QUARANTINE -> {
					if (this.clients.quarantine(device, ACTOR, kind.wireName())) {
						log.warn("Device {} quarantined: anomaly {} ({})", device, anomalyId, kind.wireName());
					}
				}
				case FLAG -> {
				}
			}
		}
		catch (ClientNotFoundException ex) {
			// not (or no longer) a registered device: nothing to respond on, the record stays
			log.info("No {} for anomaly {}: {} is not a registered device", response.wireName(), anomalyId, device);
		}
	}

}
