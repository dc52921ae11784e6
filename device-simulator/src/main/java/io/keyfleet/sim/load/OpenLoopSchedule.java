package io.keyfleet.sim.load;

/**
 * When each request of an open-loop run is meant to be sent: request {@code i} at
 * {@code start + i / rate}, whether or not earlier requests have completed. Latency is
 * measured from this intended time, not from when a busy generator actually got round to
 * sending, so a server stall shows in the percentiles with the full wait of every request
 * it delayed instead of being hidden (coordinated omission, Gil Tene; HdrHistogram's
 * documentation).
 */
public final class OpenLoopSchedule {

	private final long startNanos;

	private final double periodNanos;

	/**
	 * @param startNanos the {@link System#nanoTime()} of request 0
	 * @param ratePerSecond requests per second, more than 0
	 */
	public OpenLoopSchedule(long startNanos, double ratePerSecond) {
		if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
			throw new IllegalArgumentException("ratePerSecond must be more than 0");
		}
		this.startNanos = startNanos;
		this.periodNanos = 1e9 / ratePerSecond;
	}

	/**
	 * @param index the request's number, from 0
	 * @return its intended send time, in {@link System#nanoTime()} terms
	 */
	public long intendedStart(long index) {
		return this.startNanos + Math.round(index * this.periodNanos);
	}

	/**
	 * @param windowNanos a length of time
	 * @return how many requests the schedule sends in it from the start
	 */
	public long requestsIn(long windowNanos) {
		return (long) Math.ceil(windowNanos / this.periodNanos);
	}

}
