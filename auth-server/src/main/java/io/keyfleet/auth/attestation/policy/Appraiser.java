package io.keyfleet.auth.attestation.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.keyfleet.auth.attestation.AttestationException;
import io.keyfleet.auth.attestation.AttestationException.Reason;
import io.keyfleet.auth.attestation.AttestationStatus;
import io.keyfleet.auth.attestation.EvidenceClaims;
import io.keyfleet.auth.attestation.VerifiedEvidence;

/**
 * Appraises verified evidence against a model's policy (CONTRACT "Appraisal policy";
 * RFC 9334 §8 appraisal policy for evidence). Contraindicated: debug enabled, secure boot
 * off while required, a different software name, a version below {@code min_swversion},
 * a listed component missing or with a digest not allowed, a listed PCR different. Warning:
 * a version below {@code recommended_swversion}, or none readable; no {@code dbgstat}.
 * Once the policy's {@code recommended_swversion_deadline} has passed (by the injected
 * clock), below {@code recommended_swversion} is contraindicated too: the end of a
 * firmware rollout. Otherwise affirming. An
 * external verifier's result (EAR) is taken as it is. A policy without reference values
 * for the evidence's format is a gap in the policy, not a finding about the device:
 * {@code NO_POLICY}, refused without the contraindicated result's kill switch.
 */
public final class Appraiser {

	private final Clock clock;

	public Appraiser() {
		this(Clock.systemUTC());
	}

	public Appraiser(Clock clock) {
		this.clock = clock;
	}

	public Appraisal appraise(VerifiedEvidence evidence, AppraisalPolicy policy) {
		EvidenceClaims claims = evidence.claims();
		if (claims.verifierStatus() != null) {
			return new Appraisal(claims.verifierStatus(), (claims.verifierStatus() == AttestationStatus.AFFIRMING)
					? List.of() : List.of("external verifier: " + claims.verifierStatus().wireName()));
		}
		List<String> contraindications = new ArrayList<>();
		List<String> warnings = new ArrayList<>();
		if ("tpm2-quote".equals(evidence.format())) {
			appraisePcrs(claims, policy.tpm2Quote(), contraindications);
		}
		else {
			appraiseEat(claims, policy.eat(), this.clock.instant(), contraindications, warnings);
		}
		if (!contraindications.isEmpty()) {
			return new Appraisal(AttestationStatus.CONTRAINDICATED, contraindications);
		}
		return warnings.isEmpty() ? new Appraisal(AttestationStatus.AFFIRMING, List.of())
				: new Appraisal(AttestationStatus.WARNING, warnings);
	}

	private static void appraisePcrs(EvidenceClaims claims, AppraisalPolicy.Tpm2Quote policy, List<String> refused) {
		Map<String, String> golden = (policy != null && policy.pcrs() != null) ? policy.pcrs().get("sha256") : null;
		if (golden == null || golden.isEmpty()) {
			// a gap in the policy, not a finding about the device: refused, but no kill switch
			throw new AttestationException(Reason.NO_POLICY, "the model's policy has no reference PCR values");
		}
		golden.forEach((index, value) -> {
			String quoted = claims.pcrs().get(Integer.parseInt(index));
			if (quoted == null) {
				refused.add("PCR " + index + " is not in the quote");
			}
			else if (!quoted.equalsIgnoreCase(value)) {
				refused.add("PCR " + index + " differs from the reference value");
			}
		});
	}

	private static void appraiseEat(EvidenceClaims claims, AppraisalPolicy.Eat policy, Instant now,
			List<String> refused, List<String> warnings) {
		if (policy == null) {
			throw new AttestationException(Reason.NO_POLICY, "the model's policy has no reference values for EAT evidence");
		}
		if (claims.debugEnabled() == null) {
			// RFC 9711 §4.2.9 leaves dbgstat optional: a device that does not say is not known
			// to be locked, but nothing says it is open either
			warnings.add("debug state not reported");
		}
		else if (claims.debugEnabled()) {
			refused.add("debug is enabled");
		}
		if (Boolean.TRUE.equals(policy.requireSecboot()) && !Boolean.TRUE.equals(claims.secureBoot())) {
			refused.add("secure boot is off");
		}
		if (policy.swname() != null && !policy.swname().equals(claims.swname())) {
			refused.add("software '" + claims.swname() + "' is not " + policy.swname());
		}
		String version = claims.swversion();
		boolean readable = Versions.isVersion(version);
		if (policy.minSwversion() != null && (!readable || Versions.compare(version, policy.minSwversion()) < 0)) {
			refused.add("software version " + version + " is below the minimum " + policy.minSwversion());
		}
		else if (policy.recommendedSwversion() != null
				&& (!readable || Versions.compare(version, policy.recommendedSwversion()) < 0)) {
			// an absent or unreadable version is not known to be the recommended one
			String finding = "software version " + version + " is below the recommended " + policy.recommendedSwversion();
			Instant deadline = policy.deadline();
			if (deadline != null && !now.isBefore(deadline)) {
				refused.add(finding + " and its deadline " + policy.recommendedSwversionDeadline() + " has passed");
			}
			else {
				warnings.add(finding);
			}
		}
		if (policy.measurements() != null) {
			policy.measurements().forEach((component, allowed) -> {
				String digest = claims.measurements().get(component);
				if (digest == null) {
					refused.add("no measurement of " + component);
				}
				else if (allowed.stream().noneMatch(digest::equalsIgnoreCase)) {
					refused.add("the measurement of " + component + " is not an allowed one");
				}
			});
		}
	}

}
