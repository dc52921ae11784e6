package io.keyfleet.sim.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * One stretch of a load run (the warmup, or the measurement) shared by its workers: which
 * request comes next, when to stop, and what was measured. Requests are numbered from 0;
 * request {@code i} goes to device {@code i mod n} (round robin over the fleet).
 */
final class Phase {

	final long startNanos;

	private final long endNanos;

	private final long maxRequests;

	private final OpenLoopSchedule schedule;

	private final AtomicLong issued = new AtomicLong();

	final LatencyRecorder latency = new LatencyRecorder();

	final LatencyRecorder callLatency = new LatencyRecorder();

	final ErrorTally errors = new ErrorTally();

	final LongAdder ok = new LongAdder();

	final LongAdder completed = new LongAdder();

	final LongAdder sentLate = new LongAdder();

	final AttestationCounts attestation = new AttestationCounts();

	final LongAccumulator lastCompletionNanos;

	/**
	 * @param startNanos when the phase starts
	 * @param durationNanos how long it issues requests, or {@link Long#MAX_VALUE}
	 * @param maxRequests how many requests it issues at most, or {@link Long#MAX_VALUE}
	 * @param rate requests per second for an open loop, or 0 for a closed loop
	 */
	Phase(long startNanos, long durationNanos, long maxRequests, double rate) {
		this.startNanos = startNanos;
		this.endNanos = (durationNanos == Long.MAX_VALUE) ? Long.MAX_VALUE : startNanos + durationNanos;
		this.maxRequests = maxRequests;
		this.schedule = (rate > 0) ? new OpenLoopSchedule(startNanos, rate) : null;
		this.lastCompletionNanos = new LongAccumulator(Math::max, startNanos);
	}

	/**
	 * Takes the next request number.
	 * @return its number, or -1 when the phase is over
	 */
	long next() {
		long index = this.issued.getAndIncrement();
		return (index < this.maxRequests) ? index : -1;
	}

	/**
	 * @param index a request number
	 * @return open loop: when request {@code index} is meant to start, or -1 when that is
	 * past the end
	 */
	long scheduledStart(long index) {
		long intended = this.schedule.intendedStart(index);
		return (intended < this.endNanos) ? intended : -1;
	}

	/**
	 * @param nowNanos the time
	 * @return whether the phase issues no more requests at that time
	 */
	boolean endedAt(long nowNanos) {
		return nowNanos - this.endNanos >= 0 && this.endNanos != Long.MAX_VALUE;
	}

	boolean openLoop() {
		return this.schedule != null;
	}

	void completed(long intendedNanos, long completionNanos, boolean success) {
		this.latency.record(intendedNanos, completionNanos);
		this.completed.increment();
		if (success) {
			this.ok.increment();
		}
		this.lastCompletionNanos.accumulate(completionNanos);
	}

	/**
	 * @return seconds from the start to the last completion
	 */
	double elapsedSeconds() {
		return Math.max(1, this.lastCompletionNanos.get() - this.startNanos) / 1e9;
	}

}
