package io.keyfleet.sim.load;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class LoadReportTests {

	private static final LoadPlan CLOSED = new LoadPlan(Duration.ofSeconds(1), 0, 8, 0, Duration.ZERO, null, "GET");

	@Test
	void hintsWhenSlowDownAnswersThenRateLimitHintNamesTheProperties() {
		Phase phase = new Phase(0, 1, 10, 0);

		assertThat(LoadReport.hints(Map.of("http_429_slow_down", 3L), CLOSED, phase)).singleElement()
			.asString()
			.startsWith("3 requests were refused with 429 slow_down")
			.contains("keyfleet.rate-limit.token-per-client-rate");
	}

	@Test
	void hintsWhenNoErrorsThenNone() {
		assertThat(LoadReport.hints(Map.of(), CLOSED, new Phase(0, 1, 10, 0))).isEmpty();
	}

	@Test
	void ofWhenRequestsCompletedThenThroughputAndPercentilesInMilliseconds() {
		Phase phase = new Phase(0, Long.MAX_VALUE, 4, 0);
		phase.completed(0, 1_000_000, true);
		phase.completed(0, 2_000_000, true);
		phase.completed(0, 3_000_000, true);
		phase.errors.answer("", 401, "invalid_client");
		phase.completed(0, 500_000_000, false);

		ObjectNode json = LoadReport.of(CLOSED, phase, Map.of("private_key_jwt", 2L), 8).json();

		assertThat(json.get("mode").asString()).isEqualTo("closed");
		assertThat(json.get("requests").asLong()).isEqualTo(4);
		assertThat(json.get("ok").asLong()).isEqualTo(3);
		assertThat(json.get("errors").asLong()).isEqualTo(1);
		assertThat(json.get("elapsed_s").asDouble()).isEqualTo(0.5);
		assertThat(json.get("throughput_per_s").asDouble()).isEqualTo(8.0);
		assertThat(json.get("latency_ms").get("p50").asDouble()).isEqualTo(2.0);
		assertThat(json.get("latency_ms").get("max").asDouble()).isBetween(499.0, 501.0);
		assertThat(json.get("latency_ms").has("p99_9")).isTrue();
		assertThat(json.get("errors_by_kind").get("http_401_invalid_client").asLong()).isEqualTo(1);
		assertThat(json.get("connections_opened").asInt()).isEqualTo(8);
		assertThat(json.get("hints").get(0).asString()).contains("invalid_client");
	}

}
