package io.keyfleet.sim.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OpenLoopScheduleTests {

	@Test
	void intendedStartWhenRate1000ThenOneMillisecondApart() {
		OpenLoopSchedule schedule = new OpenLoopSchedule(5_000, 1000);

		assertThat(schedule.intendedStart(0)).isEqualTo(5_000);
		assertThat(schedule.intendedStart(1)).isEqualTo(5_000 + 1_000_000);
		assertThat(schedule.intendedStart(2500)).isEqualTo(5_000 + 2_500_000_000L);
	}

	@Test
	void intendedStartWhenRateNotADivisorOfASecondThenNoDriftOverManyRequests() {
		OpenLoopSchedule schedule = new OpenLoopSchedule(0, 3);

		assertThat(schedule.intendedStart(1)).isEqualTo(333_333_333L);
		assertThat(schedule.intendedStart(3_000_000)).isEqualTo(1_000_000_000_000_000L);
	}

	@Test
	void requestsInWhenOneSecondAt250PerSecondThen250() {
		assertThat(new OpenLoopSchedule(0, 250).requestsIn(1_000_000_000L)).isEqualTo(250);
	}

	@Test
	void constructorWhenRateNotPositiveThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OpenLoopSchedule(0, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new OpenLoopSchedule(0, Double.NaN));
	}

}
