package io.keyfleet.sim.load;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The coordinated omission arithmetic: a stalled server must show in every request it
 * delayed, measured from the schedule, not only in the one request that stalled.
 */
class LatencyRecorderTests {

	private static final long MS = 1_000_000L;

	@Test
	void recordWhenOpenLoopServerStallsThenQueuedRequestsCarryTheirWaitFromIntendedStart() {
		// 100 requests/s for 1 s; the server answers in 1 ms, except that it stalls for 500 ms
		// at t = 0: the requests scheduled during the stall are sent when it ends
		OpenLoopSchedule schedule = new OpenLoopSchedule(0, 100);
		LatencyRecorder recorder = new LatencyRecorder();
		long serverFreeAt = 0;
		for (int i = 0; i < 100; i++) {
			long intended = schedule.intendedStart(i);
			long sent = Math.max(intended, serverFreeAt);
			long completion = sent + ((i == 0) ? 500 * MS : MS);
			serverFreeAt = completion;
			recorder.record(intended, completion);
		}

		Histogram histogram = recorder.histogram();
		assertThat(histogram.getTotalCount()).isEqualTo(100);
		// request i of the backlog was scheduled at 10 i ms and completed at 500 + i ms: it waited
		// 500 - 9 i ms, more than 100 ms for i = 0..44
		assertThat(histogram.getMaxValue()).isBetween(499_000L, 501_000L);
		assertThat(histogram.getCountBetweenValues(100_000, 600_000)).isEqualTo(45);
		assertThat(LatencyRecorder.millisAt(histogram, 50)).isGreaterThan(40);
		assertThat(LatencyRecorder.millisAt(histogram, 25)).isCloseTo(1.0, within(0.1));
	}

	@Test
	void recordWhenMeasuredFromActualSendThenTheStallIsHiddenInOneSample() {
		// the same stall measured the naive (closed-loop) way: 99 of 100 samples look fast
		LatencyRecorder recorder = new LatencyRecorder();
		for (int i = 0; i < 100; i++) {
			long sent = i * 10 * MS;
			recorder.record(sent, sent + ((i == 0) ? 500 * MS : MS));
		}

		Histogram histogram = recorder.histogram();
		assertThat(histogram.getCountBetweenValues(100_000, 600_000)).isEqualTo(1);
		assertThat(LatencyRecorder.millisAt(histogram, 50)).isCloseTo(1.0, within(0.1));
		assertThat(LatencyRecorder.millisAt(histogram, 98)).isCloseTo(1.0, within(0.1));
	}

	@Test
	void histogramWhenCalledTwiceThenAccumulates() {
		LatencyRecorder recorder = new LatencyRecorder();
		recorder.record(0, 2 * MS);
		recorder.histogram();
		recorder.record(0, 4 * MS);

		Histogram histogram = recorder.histogram();
		assertThat(histogram.getTotalCount()).isEqualTo(2);
		assertThat(histogram.getMaxValue()).isBetween(3_990L, 4_010L);
	}

	@Test
	void recordWhenCompletionBeforeIntendedThenZeroNotNegative() {
		LatencyRecorder recorder = new LatencyRecorder();
		recorder.record(10 * MS, 9 * MS);

		assertThat(recorder.histogram().getMaxValue()).isZero();
	}

	@Test
	void millisAtWhenEmptyThenZero() {
		assertThat(LatencyRecorder.millisAt(new LatencyRecorder().histogram(), 99.9)).isZero();
	}

}
