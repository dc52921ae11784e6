package io.keyfleet.auth.attestation;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.keyfleet.auth.attestation.policy.AppraisalPolicy;
import io.keyfleet.auth.attestation.policy.AppraisalPolicyJson;

import static org.assertj.core.api.Assertions.assertThat;

/** The fingerprints of the {@code attestation} event: canonical, so order never matters. */
class AttestationFingerprintsTests {

	private static final String BOOT = "sha-256:" + "1".repeat(64);

	private static final String KERNEL = "sha-256:" + "2".repeat(64);

	@Test
	void evidenceWhenSameClaimsInAnotherOrderThenSameFingerprint() {
		Map<String, String> one = new LinkedHashMap<>();
		one.put("bootloader", BOOT);
		one.put("kernel", KERNEL);
		Map<String, String> other = new LinkedHashMap<>();
		other.put("kernel", KERNEL);
		other.put("bootloader", BOOT);

		assertThat(AttestationFingerprints.evidence(claims("2.5.0", one)))
			.isEqualTo(AttestationFingerprints.evidence(claims("2.5.0", other)))
			.matches("[0-9a-f]{64}");
	}

	@Test
	void evidenceWhenVersionOrMeasurementChangesThenFingerprintChanges() {
		String base = AttestationFingerprints.evidence(claims("2.5.0", Map.of("kernel", KERNEL)));

		assertThat(AttestationFingerprints.evidence(claims("2.5.1", Map.of("kernel", KERNEL)))).isNotEqualTo(base);
		assertThat(AttestationFingerprints.evidence(claims("2.5.0", Map.of("kernel", BOOT)))).isNotEqualTo(base);
	}

	@Test
	void evidenceWhenPcrsThenFingerprintIsTheSha256OfTheirCanonicalJson() {
		EvidenceClaims claims = EvidenceClaims.ofPcrs(Map.of(7, "ab", 0, "cd"));

		assertThat(AttestationFingerprints.evidence(claims))
			.isEqualTo(AttestationFingerprints.sha256("{\"pcrs\":{\"0\":\"cd\",\"7\":\"ab\"}}"));
	}

	@Test
	void policyWhenWrittenInAnotherOrderThenSameFingerprint() {
		AppraisalPolicy one = AppraisalPolicyJson.read("""
				{"model":"m","max_age_seconds":60,"eat":{"swname":"os","measurements":{"a":["%s"],"b":["%s"]}}}"""
			.formatted(BOOT, KERNEL), null);
		AppraisalPolicy other = AppraisalPolicyJson.read("""
				{"eat":{"measurements":{"b":["%s"],"a":["%s"]},"swname":"os"},"max_age_seconds":60,"model":"m"}"""
			.formatted(KERNEL, BOOT), null);
		AppraisalPolicy changed = AppraisalPolicyJson.read("""
				{"model":"m","max_age_seconds":61,"eat":{"swname":"os","measurements":{"a":["%s"],"b":["%s"]}}}"""
			.formatted(BOOT, KERNEL), null);

		assertThat(AttestationFingerprints.policy(one)).isEqualTo(AttestationFingerprints.policy(other));
		assertThat(AttestationFingerprints.policy(changed)).isNotEqualTo(AttestationFingerprints.policy(one));
	}

	private static EvidenceClaims claims(String version, Map<String, String> measurements) {
		return new EvidenceClaims("keyfleet-edge-os", version, false, true, measurements, Map.of(), null);
	}

}
