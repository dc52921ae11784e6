package io.keyfleet.sim.load;

import java.time.Duration;
import java.util.Map;

import io.keyfleet.sim.attest.AttestMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AttestationCountsTests {

	@Test
	void jsonWhenCountedThenModeDevicesChallengesAndRetries() {
		AttestationCounts counts = new AttestationCounts();
		counts.challenges.add(7);
		counts.retries.increment();

		var json = counts.json(AttestMode.WHEN_ASKED, 5);

		assertThat(json.toString()).isEqualTo("{\"mode\":\"when-asked\",\"devices\":5,\"challenges\":7,\"retries\":1}");
	}

	@Test
	void hintsWhenChallengesRefusedWith429ThenChallengeRateLimitHint() {
		LoadPlan plan = new LoadPlan(Duration.ofSeconds(1), 0, 1, 0, Duration.ZERO, null, "GET");

		assertThat(LoadReport.hints(Map.of("challenge_http_429_slow_down", 2L), plan, new Phase(0, 1, 10, 0)))
			.singleElement()
			.asString()
			.contains("keyfleet.rate-limit.challenge-per-address-rate");
	}

}
