package io.keyfleet.auth.anomaly;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Binding of {@code keyfleet.anomaly.*}, and the risk score formula. */
class AnomalyPropertiesTests {

	@Test
	void bindWhenNothingSetThenContractDefaults() {
		AnomalyProperties properties = TestAnomalies.defaults();

		assertThat(properties.enabled()).isTrue();
		assertThat(properties.responses()).containsEntry(AnomalyKind.CLONE, AnomalyResponse.QUARANTINE)
			.containsEntry(AnomalyKind.ATTESTATION_CHANGE, AnomalyResponse.STEP_UP)
			.containsEntry(AnomalyKind.TOKEN_RATE, AnomalyResponse.FLAG)
			.containsEntry(AnomalyKind.NEW_SOURCE, AnomalyResponse.FLAG)
			.containsEntry(AnomalyKind.AUTH_FAILURES, AnomalyResponse.FLAG)
			.containsEntry(AnomalyKind.REVOKED_TOKEN_USE, AnomalyResponse.FLAG);
	}

	@Test
	void bindWhenResponsesSetByKebabOrWireNameThenThoseOverrideTheDefaults() {
		AnomalyProperties properties = TestAnomalies.properties(Map.of("keyfleet.anomaly.responses.token-rate",
				"quarantine", "keyfleet.anomaly.responses.clone", "flag",
				"keyfleet.anomaly.responses.[new_source]", "step-up"));

		assertThat(properties.responses()).containsEntry(AnomalyKind.TOKEN_RATE, AnomalyResponse.QUARANTINE)
			.containsEntry(AnomalyKind.CLONE, AnomalyResponse.FLAG)
			.containsEntry(AnomalyKind.NEW_SOURCE, AnomalyResponse.STEP_UP)
			.containsEntry(AnomalyKind.ATTESTATION_CHANGE, AnomalyResponse.STEP_UP);
	}

	@Test
	void bindWhenAuthFailuresWouldQuarantineThenRefused() {
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> TestAnomalies
			.properties(Map.of("keyfleet.anomaly.responses.auth-failures", "quarantine")));
	}

	@Test
	void bindWhenDoneTtlShorterThanTwiceClaimIdleThenRefused() {
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> TestAnomalies
			.properties(Map.of("keyfleet.anomaly.done-ttl", "30s", "keyfleet.anomaly.claim-idle", "30s")));
	}

	@Test
	void riskScoreWhenSeveralOpenThenNoisyOrOfTheirScores() {
		assertThat(RiskScore.of(List.of())).isZero();
		assertThat(RiskScore.of(List.of(anomaly(70)))).isEqualTo(70);
		assertThat(RiskScore.of(List.of(anomaly(90), anomaly(50)))).isEqualTo(95);
		assertThat(RiskScore.of(List.of(anomaly(100), anomaly(10)))).isEqualTo(100);
	}

	private static Anomaly anomaly(int score) {
		return new Anomaly("an_0", "dev", "clone", score, null, Map.of(), "flag", "open", 1, null, null, 0);
	}

}
