package io.keyfleet.auth.attestation;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyfleet.auth.attestation.AttestationException.Reason;
import io.keyfleet.auth.attestation.policy.Appraisal;
import io.keyfleet.auth.attestation.policy.AppraisalPolicy;
import io.keyfleet.auth.attestation.policy.AppraisalPolicyStore;
import io.keyfleet.auth.attestation.policy.Appraiser;
import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.client.ClientKind;
import io.keyfleet.auth.client.ClientRecord;
import io.keyfleet.auth.client.ClientService;
import io.keyfleet.auth.store.StateStore;

/**
 * Keyfleet as RFC 9334 Verifier: verifies a device's evidence with the verifier of its
 * format, appraises it against the model's policy and keeps the result for the policy's
 * max-age; or finds the result that may stand in for evidence. A device found
 * contraindicated loses its stored result and every token it holds (kill switch), so a
 * tampered device is cut off at resource servers too, not only at the token endpoint.
 */
public final class AttestationService {

	private static final Logger log = LoggerFactory.getLogger(AttestationService.class);

	/** How long a step-up marker lives when the policy gives no max-age (its default). */
	private static final long DEFAULT_MARKER_SECONDS = 3600;

	private final EvidenceVerifierRegistry verifiers;

	private final AppraisalPolicyStore policies;

	private final AttestationResults results;

	private final ChallengeStore challenges;

	private final ClientService clients;

	private final StateStore store;

	private final AuditLog audit;

	private final Clock clock;

	private final Appraiser appraiser;

	public AttestationService(EvidenceVerifierRegistry verifiers, AppraisalPolicyStore policies,
			AttestationResults results, ChallengeStore challenges, ClientService clients, StateStore store,
			AuditLog audit, Clock clock) {
		this.verifiers = verifiers;
		this.policies = policies;
		this.results = results;
		this.challenges = challenges;
		this.clients = clients;
		this.store = store;
		this.audit = audit;
		this.clock = clock;
		this.appraiser = new Appraiser(clock);
	}

	/**
	 * Verifies and appraises fresh evidence.
	 * @return an affirming or warning result, stored for the policy's max-age
	 * @throws AttestationException why the evidence is refused
	 */
	public AttestationResult attest(DeviceAttestation device, String format, String evidence) {
		// kept for the audit event: what was verified, and against which policy
		AppraisalPolicy policy = null;
		VerifiedEvidence verified = null;
		try {
			policy = this.policies.get(device.model()).orElseThrow(() -> noPolicy(device));
			if (!device.allows(format)) {
				throw new AttestationException(Reason.UNSUPPORTED_FORMAT,
						"the device is not registered to attest with " + format);
			}
			EvidenceVerifier verifier = this.verifiers.find(format)
				.orElseThrow(() -> new AttestationException(Reason.UNSUPPORTED_FORMAT,
						"attestation_format " + format + " is not enabled on this server"));
			verified = verifier.verify(evidence, device,
					(nonce) -> this.challenges.consume(nonce, device.resetAtMs()));
			Appraisal appraisal = this.appraiser.appraise(verified, policy);
			if (!appraisal.status().acceptable()) {
				throw new AttestationException(Reason.CONTRAINDICATED,
						"contraindicated: " + String.join("; ", appraisal.reasons()));
			}
			long now = this.clock.millis();
			AttestationResult result = new AttestationResult(appraisal.status(), format, now,
					(policy.maxAge() == 0) ? null : now + policy.maxAge() * 1000L);
			this.results.put(device.deviceId(), result, verified.claims());
			this.audit.attestation(device.deviceId(), device.model(), format, appraisal.status().wireName(),
					String.join(";", appraisal.reasons()), fingerprint(verified), fingerprint(policy));
			return result;
		}
		catch (AttestationException ex) {
			try {
				if (ex.reason().contraindicates()) {
					contraindicated(device);
				}
			}
			catch (RuntimeException failure) {
				// the refusal stands and is audited even if the kill switch could not be written
				log.error("device {} was found contraindicated but its tokens could not be revoked: {}",
						device.deviceId(), failure.toString());
				ex.addSuppressed(failure);
			}
			this.audit.attestation(device.deviceId(), device.model(), format,
					ex.reason().contraindicates() ? "contraindicated" : "refused", ex.reason().name().toLowerCase(),
					fingerprint(verified), fingerprint(policy));
			throw ex;
		}
	}

	/**
	 * The stored result that lets a device in without evidence.
	 * The result is re-appraised from its stored claims against the policy in force now
	 * (and at the clock's now), so a policy change — a new {@code recommended_swversion},
	 * its deadline passing, new golden values — applies to cached results at once instead
	 * of when they expire.
	 * @throws AttestationException {@code EVIDENCE_REQUIRED} when there is none or the
	 * policy wants evidence every time, {@code FRESH_EVIDENCE_REQUIRED} when it is older
	 * than the policy now allows, was stored without its claims, or the device was stepped
	 * up, {@code CONTRAINDICATED} when the current policy refuses it (kill switch as for
	 * fresh evidence), {@code NO_POLICY}
	 */
	public AttestationResult stored(DeviceAttestation device) {
		CompletionStage<Optional<AppraisalPolicy>> policyLookup = this.policies.find(device.model());
		CompletionStage<AttestationResults.Entry> resultLookup = this.results.find(device.deviceId());
		AppraisalPolicy policy = this.store.await(policyLookup).orElseThrow(() -> noPolicy(device));
		AttestationResults.Entry entry = this.store.await(resultLookup);
		if (policy.maxAge() == 0) {
			throw new AttestationException(Reason.EVIDENCE_REQUIRED,
					"the device's policy wants fresh evidence with every token request");
		}
		if (entry.steppedUp()) {
			throw new AttestationException(Reason.FRESH_EVIDENCE_REQUIRED,
					"the device was stepped up: send fresh evidence");
		}
		AttestationResult result = entry.result();
		if (result == null) {
			throw new AttestationException(Reason.EVIDENCE_REQUIRED, "this device must attest: send evidence");
		}
		// the policy may have been shortened since the result was stored
		long expiresAt = Math.min(result.expiresAtMs(), result.issuedAtMs() + policy.maxAge() * 1000L);
		if (expiresAt - this.clock.millis() < 1000) {
			throw new AttestationException(Reason.FRESH_EVIDENCE_REQUIRED,
					"the attestation result is too old: send fresh evidence");
		}
		if (entry.claims() == null) {
			throw new AttestationException(Reason.FRESH_EVIDENCE_REQUIRED,
					"the attestation result cannot be re-appraised: send fresh evidence");
		}
		AttestationStatus status = reappraise(device, result, entry.claims(), policy);
		return new AttestationResult(status, result.format(), result.issuedAtMs(), expiresAt);
	}

	private AttestationStatus reappraise(DeviceAttestation device, AttestationResult result, EvidenceClaims claims,
			AppraisalPolicy policy) {
		Appraisal appraisal;
		try {
			appraisal = this.appraiser.appraise(new VerifiedEvidence(result.format(), claims), policy);
		}
		catch (AttestationException ex) {
			this.audit.attestation(device.deviceId(), device.model(), result.format(), "refused",
					ex.reason().name().toLowerCase(), AttestationFingerprints.evidence(claims), fingerprint(policy));
			throw ex;
		}
		if (appraisal.status() == result.status()) {
			return result.status();
		}
		String detail = "reappraised:" + String.join(";", appraisal.reasons());
		if (!appraisal.status().acceptable()) {
			try {
				contraindicated(device);
			}
			finally {
				this.audit.attestation(device.deviceId(), device.model(), result.format(), "contraindicated", detail,
						AttestationFingerprints.evidence(claims), fingerprint(policy));
			}
			throw new AttestationException(Reason.CONTRAINDICATED,
					"contraindicated on re-appraisal: " + String.join("; ", appraisal.reasons()));
		}
		this.audit.attestation(device.deviceId(), device.model(), result.format(), appraisal.status().wireName(), detail,
				AttestationFingerprints.evidence(claims), fingerprint(policy));
		return appraisal.status();
	}

	/**
	 * Step-up: the device's stored result stops counting, then its registration records
	 * when, so resource servers that need attestation stop accepting its current tokens and
	 * only challenges issued after it count. A device without a stored result is marked too
	 * (for its policy's max-age), so it is told to bring fresh evidence like any other.
	 */
	public void stepUp(String deviceId, String actor) {
		ClientRecord device = this.clients.get(ClientKind.DEVICE, deviceId);
		int maxAge = this.policies.get(device.model()).map(AppraisalPolicy::maxAge).orElse(0);
		this.results.stepUp(deviceId, Duration.ofSeconds((maxAge > 0) ? maxAge : DEFAULT_MARKER_SECONDS));
		this.clients.resetAttestation(deviceId, actor);
	}

	private void contraindicated(DeviceAttestation device) {
		// the kill switch first: it is what cuts the device off at every resource server
		this.clients.revokeTokens(ClientKind.DEVICE, device.deviceId(), "attestation");
		this.results.drop(device.deviceId());
	}

	private static String fingerprint(VerifiedEvidence verified) {
		return (verified != null) ? AttestationFingerprints.evidence(verified.claims()) : null;
	}

	private static String fingerprint(AppraisalPolicy policy) {
		return (policy != null) ? AttestationFingerprints.policy(policy) : null;
	}

	private static AttestationException noPolicy(DeviceAttestation device) {
		return new AttestationException(Reason.NO_POLICY, "no appraisal policy for model " + device.model());
	}

}
