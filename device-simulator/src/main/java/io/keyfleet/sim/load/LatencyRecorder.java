package io.keyfleet.sim.load;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records request latencies from many threads into an HdrHistogram, in microseconds with
 * three significant digits. A latency is always {@code completion - intendedStart}: in a
 * closed loop the intended start is when the request was actually sent; in an open loop it
 * is the {@link OpenLoopSchedule schedule}'s time, which corrects for coordinated
 * omission.
 */
public final class LatencyRecorder {

	private final Recorder recorder = new Recorder(3);

	private final Histogram total = new Histogram(3);

	/**
	 * @param intendedStartNanos when the request was meant to start ({@link System#nanoTime()})
	 * @param completionNanos when its response was complete ({@link System#nanoTime()})
	 */
	public void record(long intendedStartNanos, long completionNanos) {
		this.recorder.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(completionNanos - intendedStartNanos)));
	}

	/**
	 * @return everything recorded so far, in microseconds (a copy)
	 */
	public synchronized Histogram histogram() {
		this.total.add(this.recorder.getIntervalHistogram());
		return this.total.copy();
	}

	/**
	 * @param histogram latencies in microseconds
	 * @param percentile e.g. 99.9
	 * @return the value at that percentile, in milliseconds
	 */
	public static double millisAt(Histogram histogram, double percentile) {
		return (histogram.getTotalCount() == 0) ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
	}

}
