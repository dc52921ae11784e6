package io.keyfleet.sim.soak;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.keyfleet.sim.admin.Anomaly;
import io.keyfleet.sim.anomaly.Misbehaviour;
import io.keyfleet.sim.anomaly.Misbehaviours;
import io.keyfleet.sim.load.TokenAnswer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak's verdict against issue 8's goals, from injections and the anomaly list.
 */
class SoakReportTests {

	private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

	private static final Misbehaviour CLONE = Misbehaviours.find("clone").orElseThrow();

	private static final Misbehaviour STOLEN = Misbehaviours.find("stolen-credentials").orElseThrow();

	private static final Misbehaviour BURST = Misbehaviours.find("wrong-secret-burst").orElseThrow();

	private final List<Anomaly> anomalies = new ArrayList<>();

	@Test
	void reportWhenEveryDeviceDetectedInTimeAndNoFalsePositiveThenGoalsMetAndTimesToDetect() {
		anomaly("c1", "clone", T0.plusMillis(1200), "quarantine");
		anomaly("c2", "clone", T0.plusMillis(3400), "quarantine");
		anomaly("s1", "new_source", T0.plusMillis(800), "flag");
		anomaly("w1", "auth_failures", T0.plusSeconds(30), "flag"); // late: only clone and stolen have 10 s

		SoakReport report = report(List.of(injection("c1", CLONE), injection("c2", CLONE), injection("s1", STOLEN),
				injection("w1", BURST)), Map.of("c1", "quarantined", "c2", "quarantined"), issued(100));

		assertThat(report.missedGoals()).isEmpty();
		JsonNode json = report.json();
		assertThat(json.get("goals_met").asBoolean()).isTrue();
		JsonNode clone = json.get("kinds").get(0);
		assertThat(clone.get("behaviour").asString()).isEqualTo("clone");
		assertThat(clone.get("injected").asInt()).isEqualTo(2);
		assertThat(clone.get("detected_expected_kind").asInt()).isEqualTo(2);
		assertThat(clone.get("within_10s").asInt()).isEqualTo(2);
		assertThat(clone.get("quarantined").asInt()).isEqualTo(2);
		assertThat(clone.get("time_to_detect_ms").get("median").asLong()).isEqualTo(1200);
		assertThat(clone.get("time_to_detect_ms").get("p99").asLong()).isBetween(3399L, 3401L);
		assertThat(json.get("kinds").get(2).get("within_10s").asInt()).isZero();
		assertThat(json.get("false_positives").get("count").asInt()).isZero();
	}

	@Test
	void reportWhenNormalDevicesFlaggedAndOneQuarantinedThenFalsePositivesPer1000DeviceHoursAndGoalMissed() {
		anomaly("n-1", "new_source", T0, "flag");
		anomaly("n-2", "token_rate", T0, "flag");
		anomaly("n-2", "clone", T0, "quarantine");

		SoakReport report = report(List.of(), Map.of(), issued(100));

		// 3 anomalies over 10 normal devices x 30 min = 5 device-hours: 600 per 1,000 device-hours
		JsonNode fp = report.json().get("false_positives");
		assertThat(fp.get("count").asInt()).isEqualTo(3);
		assertThat(fp.get("devices").asInt()).isEqualTo(2);
		assertThat(fp.get("quarantines").asInt()).isEqualTo(1);
		assertThat(fp.get("normal_device_hours").asDouble()).isEqualTo(5.0);
		assertThat(fp.get("per_1000_device_hours").asDouble()).isEqualTo(600.0);
		assertThat(fp.get("by_kind").get("clone").asInt()).isEqualTo(1);
		assertThat(report.missedGoals()).containsExactly("1 normal devices quarantined");
	}

	@Test
	void reportWhenNotDetectedOrWrongKindOrTooLateOrNotPlayedThenEachGoalMissed() {
		anomaly("c1", "new_source", T0.plusSeconds(1), "flag"); // the wrong kind
		anomaly("s1", "new_source", T0.plusSeconds(11), "flag"); // too late for stolen credentials
		anomaly("s2", "new_source", T0.minusSeconds(5), "flag"); // before its injection: does not count

		SoakReport report = report(List.of(injection("c1", CLONE), injection("s1", STOLEN), injection("s2", STOLEN),
				new Injection("w1", BURST, null, "the resource server is down")), Map.of(), issued(100));

		assertThat(report.missedGoals()).containsExactly("clone: 1 of 1 injected devices without a clone anomaly",
				"clone: 1 of 1 not detected within 10 s",
				"stolen-credentials: 1 of 2 injected devices without a new_source anomaly",
				"stolen-credentials: 2 of 2 not detected within 10 s",
				"wrong-secret-burst: 1 of 1 not played (w1: the resource server is down)");
		JsonNode clone = report.json().get("kinds").get(0);
		assertThat(clone.get("detected").asInt()).isEqualTo(1);
		assertThat(clone.get("detected_expected_kind").asInt()).isZero();
		assertThat(clone.get("kinds_seen").get("new_source").asInt()).isEqualTo(1);
		assertThat(clone.get("time_to_detect_ms").get("median").asLong()).isEqualTo(-1);
	}

	@Test
	void reportWhenNormalTokensMostlyRefusedThenGoalMissedSoThatAnIdleFleetCannotPass() {
		TokenTally tally = issued(90);
		for (int i = 0; i < 10; i++) {
			tally.add(new TokenAnswer(429, "slow_down", null));
		}

		SoakReport report = report(List.of(), Map.of(), tally);

		assertThat(report.missedGoals()).singleElement().asString().startsWith("only 90 of 100 normal token requests");
		assertThat(report.json().get("normal_tokens").get("refused").get("HTTP 429 slow_down").asInt()).isEqualTo(10);
	}

	private SoakReport report(List<Injection> injections, Map<String, String> statuses, TokenTally tally) {
		SoakPlan plan = new SoakPlan(10, 1, List.of(CLONE, STOLEN, BURST), Duration.ofMinutes(30),
				Duration.ofMinutes(3), 0.3, Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ofSeconds(2));
		Set<String> normal = Set.of("n-1", "n-2", "n-3");
		return new SoakReport(plan, normal, injections, this.anomalies, statuses, tally);
	}

	private static Injection injection(String device, Misbehaviour behaviour) {
		return new Injection(device, behaviour, T0, null);
	}

	private void anomaly(String device, String kind, Instant at, String action) {
		this.anomalies.add(new Anomaly("a-" + this.anomalies.size(), device, kind, 70, at, action));
	}

	private static TokenTally issued(int count) {
		TokenTally tally = new TokenTally();
		for (int i = 0; i < count; i++) {
			tally.add(new TokenAnswer(200, null, "token"));
		}
		return tally;
	}

	@Test
	void humanWhenDurationsThenShortForms() {
		assertThat(SoakReport.human(Duration.ofMinutes(10))).isEqualTo("10m");
		assertThat(SoakReport.human(Duration.ofSeconds(90))).isEqualTo("1m30s");
		assertThat(SoakReport.human(Duration.ofSeconds(60))).isEqualTo("1m");
		assertThat(SoakReport.human(Duration.ofSeconds(3))).isEqualTo("3s");
		assertThat(SoakReport.human(Duration.ofMillis(2500))).isEqualTo("2.5s");
	}

}
