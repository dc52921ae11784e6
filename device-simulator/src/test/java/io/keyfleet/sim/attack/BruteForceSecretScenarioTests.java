package io.keyfleet.sim.attack;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BruteForceSecretScenarioTests {

	private final BruteForceSecretScenario scenario = new BruteForceSecretScenario();

	@Test
	void judgeWhenWrongSecretRefusedThenGuessAgain() {
		assertThat(this.scenario.judge(3, new Observed(401, "invalid_client", null, Map.of()))).isNull();
	}

	@Test
	void judgeWhenSlowDownWithRetryAfterThenRefused() {
		ScenarioResult result = this.scenario.judge(22, new Observed(429, "slow_down", "1", Map.of()));

		assertThat(result.outcome()).isEqualTo(Outcome.REFUSED);
		assertThat(result.observed()).isEqualTo("21 x HTTP 401 invalid_client, then HTTP 429 slow_down with Retry-After 1");
	}

	@Test
	void judgeWhenTooManyRequestsWithoutRetryAfterThenError() {
		assertThat(this.scenario.judge(22, new Observed(429, "slow_down", null, Map.of())).outcome())
			.isEqualTo(Outcome.ERROR);
	}

	@Test
	void judgeWhenTooManyRequestsWithOtherCodeThenError() {
		assertThat(this.scenario.judge(22, new Observed(429, "too_many", "1", Map.of())).outcome())
			.isEqualTo(Outcome.ERROR);
	}

	@Test
	void judgeWhenGuessAcceptedThenGotThrough() {
		ScenarioResult result = this.scenario.judge(7,
				new Observed(200, null, null, Map.of("access_token", "t", "token_type", "Bearer")));

		assertThat(result.outcome()).isEqualTo(Outcome.GOT_THROUGH);
		assertThat(result.observed()).startsWith("guess 7 was accepted");
	}

	@Test
	void judgeWhenUnexpectedAnswerThenError() {
		assertThat(this.scenario.judge(1, new Observed(400, "invalid_request", null, Map.of())).outcome())
			.isEqualTo(Outcome.ERROR);
	}

}
