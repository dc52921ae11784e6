package io.keyfleet.sim.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a {@link Phase} with workers, one thread each. Closed loop: a worker writes its next
 * request, then sends it and counts its latency from the send. Open loop: it waits for the
 * request's scheduled time, writes and sends it, and counts its latency from the scheduled
 * time (coordinated omission corrected); a request sent more than 1 ms late is counted as
 * late.
 */
final class PhaseLoop {

	private static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private PhaseLoop() {
	}

	/**
	 * Runs the phase with every worker and returns when all are done.
	 * @param workers the workers
	 * @param phase the phase
	 * @return the phase, with its measurements
	 */
	static Phase runAll(List<? extends Exchanger> workers, Phase phase) {
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < workers.size(); i++) {
			Exchanger worker = workers.get(i);
			Thread thread = new Thread(() -> run(worker, phase), "keyfleet-sim-load-" + i);
			thread.setDaemon(true);
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return phase;
	}

	/**
	 * @param worker one worker
	 * @param phase the phase it takes its requests from
	 */
	static void run(Exchanger worker, Phase phase) {
		try {
			loop(worker, phase);
		}
		catch (RuntimeException ex) {
			// our own fault (e.g. a key that cannot sign): counted, never a stack trace
			phase.errors.add("internal_error_" + ex.getClass().getSimpleName());
		}
	}

	private static void loop(Exchanger worker, Phase phase) {
		for (long index = phase.next(); index >= 0; index = phase.next()) {
			long intended;
			if (phase.openLoop()) {
				intended = phase.scheduledStart(index);
				if (intended < 0) {
					return;
				}
				waitUntil(intended);
				if (System.nanoTime() - intended > LATE_NANOS) {
					phase.sentLate.increment();
				}
				worker.write(index);
			}
			else {
				worker.write(index);
				intended = System.nanoTime();
				if (phase.endedAt(intended)) {
					return;
				}
			}
			boolean success = worker.exchange(phase, index);
			phase.completed(intended, System.nanoTime(), success);
		}
	}

	private static void waitUntil(long nanos) {
		for (long wait = nanos - System.nanoTime(); wait > 0; wait = nanos - System.nanoTime()) {
			LockSupport.parkNanos(wait);
		}
	}

}
