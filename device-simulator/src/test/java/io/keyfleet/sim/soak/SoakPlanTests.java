package io.keyfleet.sim.soak;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import io.keyfleet.sim.anomaly.Misbehaviours;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SoakPlanTests {

	private final SplittableRandom random = new SplittableRandom(8);

	@Test
	void nextDelayWhenJitter30PercentThenWithin70To130PercentOfTheInterval() {
		SoakPlan plan = plan(Duration.ofMinutes(10), Duration.ofMinutes(5));

		for (int i = 0; i < 1000; i++) {
			assertThat(plan.nextDelay(this.random)).isBetween(Duration.ofSeconds(126), Duration.ofSeconds(234));
			assertThat(plan.firstDelay(this.random)).isBetween(Duration.ZERO, Duration.ofMinutes(3));
		}
	}

	@Test
	void injectionDelayWhenDrawnThenAfterWarmupAndItsDetectionWindowEndsWithinTheDuration() {
		SoakPlan plan = plan(Duration.ofMinutes(10), Duration.ofMinutes(5));

		for (int i = 0; i < 1000; i++) {
			assertThat(plan.injectionDelay(this.random)).isBetween(Duration.ofMinutes(5), Duration.ofSeconds(585));
		}
		assertThat(plan.normalDeviceHours()).isEqualTo(1000 / 6.0);
	}

	@Test
	void planWhenWarmupLeavesNoRoomForTheBehaviourAndItsDetectionThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> plan(Duration.ofSeconds(60), Duration.ofSeconds(50)))
			.withMessageContaining("must exceed the warm-up");
	}

	private static SoakPlan plan(Duration duration, Duration warmup) {
		return new SoakPlan(1000, 10, Misbehaviours.all(), duration, Duration.ofMinutes(3), 0.3, warmup,
				Duration.ofSeconds(10), Duration.ofSeconds(2));
	}

}
