package io.keyfleet.auth.anomaly;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.keyfleet.auth.store.StateStore;
import io.keyfleet.auth.support.TestDevices;
import io.keyfleet.auth.support.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each anomaly kind from a crafted event sequence against real Redis (the baseline script),
 * and normal jittered sequences that must show none. Times are the events' own {@code ts}:
 * "detected within 10 s" means the event that shows the behaviour is at most 10 s after it
 * began.
 */
class BaselinesIntegrationTests {

	private static final long T0 = 1_800_000_000_000L;

	private static final long MINUTE = 60_000;

	private final StateStore store = TestRedis.stateStore("baselines");

	private final Baselines baselines = new Baselines(this.store, TestAnomalies.defaults());

	private final Random random = new Random(42);

	@Test
	void observeWhenNormalJitteredFleetThenNoAnomaly() {
		for (int d = 0; d < 20; d++) {
			String device = TestDevices.newId("normal");
			String address = "10.0.0." + (d + 1);
			long ts = T0;
			for (int i = 0; i < 40; i++) {
				// a token every 3 minutes ± 30 %
				ts += (long) (3 * MINUTE * (0.7 + 0.6 * this.random.nextDouble()));
				assertThat(observe(TestEvents.issued(device, ts).address(address))).as("token %d of %s", i, device)
					.isEmpty();
				if (i % 10 == 0) {
					assertThat(observe(TestEvents.attestation(device, ts + 1, "affirming", "e1", "p1"))).isEmpty();
				}
			}
		}
	}

	@Test
	void observeWhenBurstAfterWarmUpThenTokenRateWithinTenSeconds() {
		String device = TestDevices.newId("burst");
		long ts = warmUp(device, "10.0.0.1", 10);
		long burstStart = ts + MINUTE;
		Long detectedAt = null;
		for (int i = 0; i < 40 && detectedAt == null; i++) {
			long at = burstStart + i * 500L;
			List<Signal> signals = observe(TestEvents.issued(device, at).address("10.0.0.1"));
			if (kinds(signals).contains(AnomalyKind.TOKEN_RATE)) {
				detectedAt = at;
				Signal signal = signals.get(0);
				assertThat(signal.score()).isBetween(50, 100);
				assertThat(signal.evidence().get("count").asInt()).isGreaterThanOrEqualTo(5);
			}
		}
		assertThat(detectedAt).isNotNull();
		assertThat(detectedAt - burstStart).isLessThanOrEqualTo(10_000);
	}

	@Test
	void observeWhenBurstBeforeWarmUpThenNotJudged() {
		String device = TestDevices.newId("fresh");
		List<AnomalyKind> seen = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			seen.addAll(kinds(observe(TestEvents.issued(device, T0 + i * 500L).address("10.0.0.1"))));
		}
		assertThat(seen).doesNotContain(AnomalyKind.TOKEN_RATE);
	}

	@Test
	void observeWhenStationaryDeviceSeenFromNewAddressThenNewSource() {
		String device = TestDevices.newId("moved");
		long ts = warmUp(device, "10.0.0.1", 5);

		List<Signal> signals = observe(TestEvents.issued(device, ts + 3 * MINUTE).address("10.9.9.9"));

		assertThat(kinds(signals)).containsExactly(AnomalyKind.NEW_SOURCE);
		assertThat(signals.get(0).evidence().get("address").asString()).isEqualTo("10.9.9.9");
		assertThat(signals.get(0).evidence().get("usual_address").asString()).isEqualTo("10.0.0.1");
	}

	@Test
	void observeWhenNotYetStationaryThenNoNewSource() {
		String device = TestDevices.newId("young");
		long ts = warmUp(device, "10.0.0.1", 3);

		assertThat(observe(TestEvents.issued(device, ts + 3 * MINUTE).address("10.9.9.9"))).isEmpty();
	}

	@Test
	void observeWhenDeviceMovesForGoodThenOnlyOneNewSourceAndNoClone() {
		String device = TestDevices.newId("relocated");
		long ts = warmUp(device, "10.0.0.1", 6);
		List<AnomalyKind> seen = new ArrayList<>();
		for (int i = 1; i <= 10; i++) {
			seen.addAll(kinds(observe(TestEvents.issued(device, ts + i * 3 * MINUTE).address("10.0.0.2"))));
		}
		assertThat(seen).containsExactly(AnomalyKind.NEW_SOURCE);
	}

	@Test
	void observeWhenIdentityUsedFromTwoAddressesInterleavedThenClone() {
		String device = TestDevices.newId("clone");
		long ts = warmUp(device, "127.0.0.1", 6);
		long cloneStart = ts + MINUTE;

		assertThat(kinds(observe(TestEvents.issued(device, cloneStart).address("127.0.0.2"))))
			.containsExactly(AnomalyKind.NEW_SOURCE);
		List<Signal> signals = observe(TestEvents.issued(device, cloneStart + 2_000).address("127.0.0.1"));

		assertThat(kinds(signals)).containsExactly(AnomalyKind.CLONE);
		assertThat(signals.get(0).score()).isEqualTo(90);
		assertThat(signals.get(0).evidence().get("addresses").toString()).contains("127.0.0.1", "127.0.0.2");
	}

	@Test
	void observeWhenReturnToOldAddressAfterCloneWindowThenNoClone() {
		String device = TestDevices.newId("roamer");
		long ts = warmUp(device, "10.0.0.1", 2);
		observe(TestEvents.issued(device, ts + MINUTE).address("10.0.0.2"));

		assertThat(observe(TestEvents.issued(device, ts + MINUTE + 11 * MINUTE).address("10.0.0.1"))).isEmpty();
	}

	@Test
	void observeWhenFiveRefusalsInAMinuteThenAuthFailures() {
		String client = TestDevices.newId("guessed");
		for (int i = 0; i < 4; i++) {
			assertThat(observe(TestEvents.refused(client, T0 + i * 1000L).address("10.6.6.6"))).isEmpty();
		}
		List<Signal> signals = observe(TestEvents.refused(client, T0 + 4000).address("10.6.6.7"));

		assertThat(kinds(signals)).containsExactly(AnomalyKind.AUTH_FAILURES);
		assertThat(signals.get(0).evidence().get("count").asInt()).isEqualTo(5);
		assertThat(signals.get(0).evidence().get("addresses").toString()).contains("10.6.6.6", "10.6.6.7");
	}

	@Test
	void observeWhenRefusalsSpreadOverMoreThanTheWindowThenNoAuthFailures() {
		String client = TestDevices.newId("forgetful");
		for (int i = 0; i < 10; i++) {
			assertThat(observe(TestEvents.refused(client, T0 + i * 20_000L))).isEmpty();
		}
	}

	@Test
	void observeWhenRefusalIsNotAnAuthenticationFailureThenNotCounted() {
		String client = TestDevices.newId("scoped");
		for (int i = 0; i < 10; i++) {
			assertThat(observe(TestEvents.refused(client, T0 + i).with("error", "invalid_scope"))).isEmpty();
		}
	}

	@Test
	void observeWhenRevokedOrKilledTokenPresentedThenRevokedTokenUse() {
		String device = TestDevices.newId("replayer");
		for (String reason : List.of("revoked", "killed", "signing_key_revoked")) {
			List<Signal> signals = observe(TestEvents.denied(device, T0, reason).address("10.0.0.1"));
			assertThat(kinds(signals)).as(reason).containsExactly(AnomalyKind.REVOKED_TOKEN_USE);
			assertThat(signals.get(0).evidence().get("reason").asString()).isEqualTo(reason);
		}
		for (String reason : List.of("expired", "invalid", "insufficient_scope", "status", "stepped_up")) {
			assertThat(observe(TestEvents.denied(device, T0, reason))).as(reason).isEmpty();
		}
	}

	@Test
	void observeWhenMeasurementsChangeUnderTheSamePolicyThenAttestationChange() {
		String device = TestDevices.newId("tampered");
		assertThat(observe(TestEvents.attestation(device, T0, "affirming", "e1", "p1"))).isEmpty();
		assertThat(observe(TestEvents.attestation(device, T0 + MINUTE, "affirming", "e1", "p1"))).isEmpty();

		List<Signal> signals = observe(TestEvents.attestation(device, T0 + 2 * MINUTE, "affirming", "e2", "p1"));

		assertThat(kinds(signals)).containsExactly(AnomalyKind.ATTESTATION_CHANGE);
		assertThat(signals.get(0).evidence().get("previous_evidence_fingerprint").asString()).isEqualTo("e1");
		assertThat(signals.get(0).evidence().get("evidence_fingerprint").asString()).isEqualTo("e2");
	}

	@Test
	void observeWhenMeasurementsChangeWithAPolicyRolloutThenNoAnomaly() {
		String device = TestDevices.newId("updated");
		observe(TestEvents.attestation(device, T0, "affirming", "e1", "p1"));

		assertThat(observe(TestEvents.attestation(device, T0 + MINUTE, "warning", "e2", "p2"))).isEmpty();
		assertThat(observe(TestEvents.attestation(device, T0 + 2 * MINUTE, "contraindicated", "e2", "p3"))).isEmpty();
	}

	@Test
	void observeWhenOutcomeTurnsContraindicatedUnderTheSamePolicyThenAttestationChange() {
		String device = TestDevices.newId("debugged");
		observe(TestEvents.attestation(device, T0, "affirming", "e1", "p1"));

		List<Signal> signals = observe(TestEvents.attestation(device, T0 + MINUTE, "contraindicated", "e9", "p1"));

		assertThat(kinds(signals)).containsExactly(AnomalyKind.ATTESTATION_CHANGE);
		assertThat(signals.get(0).score()).isEqualTo(80);
	}

	@Test
	void observeWhenEventDeliveredTwiceThenOneEffectAndTheSameAnswer() {
		String device = TestDevices.newId("twice");
		long ts = warmUp(device, "127.0.0.1", 6);
		StreamEvent moved = TestEvents.issued(device, ts + MINUTE).address("127.0.0.9").event();

		List<Signal> first = this.baselines.observe(moved);
		List<Signal> again = this.baselines.observe(moved);

		assertThat(kinds(again)).isEqualTo(kinds(first)).containsExactly(AnomalyKind.NEW_SOURCE);
		assertThat(this.baselines.baseline(device)).containsEntry("events", "7").containsEntry("tokens", "7");
	}

	@Test
	void observeWhenNewScopeAfterWarmUpThenEvidenceOfOtherAnomalies() {
		String device = TestDevices.newId("scopes");
		long ts = warmUp(device, "10.0.0.1", 8);

		List<Signal> signals = observe(
				TestEvents.issued(device, ts + MINUTE).address("10.7.7.7").with("scope", "telemetry:write admin:all"));

		assertThat(kinds(signals)).containsExactly(AnomalyKind.NEW_SOURCE);
		assertThat(signals.get(0).evidence().get("new_scopes").toString()).contains("admin:all");
		assertThat(signals.get(0).score()).isEqualTo(60);
	}

	private long warmUp(String device, String address, int tokens) {
		long ts = T0;
		for (int i = 0; i < tokens; i++) {
			ts += (long) (3 * MINUTE * (0.7 + 0.6 * this.random.nextDouble()));
			assertThat(observe(TestEvents.issued(device, ts).address(address))).isEmpty();
		}
		return ts;
	}

	private List<Signal> observe(TestEvents event) {
		return this.baselines.observe(event.event());
	}

	private static List<AnomalyKind> kinds(List<Signal> signals) {
		return signals.stream().map(Signal::kind).toList();
	}


}
