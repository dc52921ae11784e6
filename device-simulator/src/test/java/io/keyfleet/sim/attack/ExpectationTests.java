package io.keyfleet.sim.attack;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExpectationTests {

	@Test
	void judgeWhenStatusAndErrorMatchThenRefused() {
		ScenarioResult result = Expectation.INVALID_CLIENT.judge("x", "replay", observed(401, "invalid_client"));

		assertThat(result.outcome()).isEqualTo(Outcome.REFUSED);
		assertThat(result.expected()).isEqualTo("HTTP 401 invalid_client");
		assertThat(result.observed()).isEqualTo("replay: HTTP 401 invalid_client");
	}

	@Test
	void judgeWhenTokenIssuedThenGotThrough() {
		Observed issued = new Observed(200, null, null, Map.of("access_token", "eyJ...", "token_type", "Bearer"));

		ScenarioResult result = Expectation.INVALID_CLIENT.judge("x", "replay", issued);

		assertThat(result.outcome()).isEqualTo(Outcome.GOT_THROUGH);
		assertThat(result.observed()).contains("token issued").doesNotContain("eyJ");
	}

	@Test
	void judgeWhenRightStatusWrongErrorCodeThenError() {
		ScenarioResult result = Expectation.INVALID_CLIENT.judge("x", "replay", observed(401, "invalid_grant"));

		assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
		assertThat(result.observed()).contains("not as the contract says");
	}

	@Test
	void judgeWhenRightErrorCodeWrongStatusThenError() {
		assertThat(Expectation.INVALID_CLIENT.judge("x", "y", observed(400, "invalid_client")).outcome())
			.isEqualTo(Outcome.ERROR);
	}

	@Test
	void judgeWhenServerErrorWithoutOAuthBodyThenError() {
		ScenarioResult result = Expectation.INVALID_SCOPE.judge("x", "y", new Observed(500, null, null, Map.of()));

		assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
		assertThat(result.observed()).contains("HTTP 500 (no OAuth error code)");
	}

	@Test
	void combineWhenOneAttemptGotThroughThenGotThroughAndObservationsJoined() {
		ScenarioResult combined = ScenarioResult.combine("x", "e",
				java.util.List.of(new ScenarioResult("x", Outcome.REFUSED, "e", "a"),
						new ScenarioResult("x", Outcome.GOT_THROUGH, "e", "b"),
						new ScenarioResult("x", Outcome.ERROR, "e", "c")));

		assertThat(combined.outcome()).isEqualTo(Outcome.GOT_THROUGH);
		assertThat(combined.observed()).isEqualTo("a; b; c");
	}

	@Test
	void worstWhenComparedThenGotThroughBeatsErrorBeatsRefused() {
		assertThat(Outcome.REFUSED.worst(Outcome.ERROR)).isEqualTo(Outcome.ERROR);
		assertThat(Outcome.GOT_THROUGH.worst(Outcome.ERROR)).isEqualTo(Outcome.GOT_THROUGH);
		assertThat(Outcome.REFUSED.worst(Outcome.REFUSED)).isEqualTo(Outcome.REFUSED);
		assertThat(Outcome.GOT_THROUGH.value()).isEqualTo("got_through");
		// a skipped scenario is not a pass, but an error or a breach outweighs it
		assertThat(Outcome.REFUSED.worst(Outcome.SKIPPED)).isEqualTo(Outcome.SKIPPED);
		assertThat(Outcome.SKIPPED.worst(Outcome.ERROR)).isEqualTo(Outcome.ERROR);
	}

	private static Observed observed(int status, String error) {
		return new Observed(status, error, null, Map.of("error", error));
	}

}
