package io.keyfleet.sim.soak;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.keyfleet.sim.SimException;
import io.keyfleet.sim.admin.AdminClient;
import io.keyfleet.sim.anomaly.FleetDevice;
import io.keyfleet.sim.anomaly.Misbehaviour;
import io.keyfleet.sim.anomaly.Sources;
import io.keyfleet.sim.load.TokenAnswer;

/**
 * Runs a {@link SoakPlan}: every device (normal and misbehaving alike) requests tokens on
 * its own jittered schedule from {@code 127.0.0.1}, on a small scheduled thread pool (not
 * a thread per device); each misbehaving device plays its misbehaviour once, at a random
 * time after the warm-up, on a separate pool so that a behaviour's pauses never hold up
 * the schedule. The anomaly list is read every poll interval and once more after the
 * settle time; then the misbehaving devices' status is read (a clone must be quarantined).
 */
public final class SoakRunner {

	private final SoakPlan plan;

	private final AdminClient admin;

	private final Clock clock;

	private final int threads;

	/**
	 * @param plan what to run
	 * @param admin the admin API, for the anomaly list and device status
	 * @param clock the clock (the server's {@code detected_at} is compared with it: one machine)
	 * @param threads the threads that send the normal tokens
	 */
	public SoakRunner(SoakPlan plan, AdminClient admin, Clock clock, int threads) {
		this.plan = plan;
		this.admin = admin;
		this.clock = clock;
		this.threads = threads;
	}

	/**
	 * @param normal the normal devices
	 * @param misbehaving the misbehaving devices, each with its behaviour
	 * @return the report
	 */
	public SoakReport run(List<FleetDevice> normal, Map<FleetDevice, Misbehaviour> misbehaving) {
		Set<String> ids = Stream.concat(normal.stream(), misbehaving.keySet().stream())
			.map(FleetDevice::id)
			.collect(Collectors.toUnmodifiableSet());
		Instant start = this.clock.instant();
		long startNanos = System.nanoTime();
		long endNanos = startNanos + this.plan.duration().toNanos();
		AnomalyCollector collector = new AnomalyCollector(this.admin, start, ids::contains);
		TokenTally tally = new TokenTally();
		List<Injection> injections = Collections.synchronizedList(new ArrayList<>());
		ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(this.threads, daemon("soak-token"));
		ExecutorService behaviours = Executors.newFixedThreadPool(Math.max(1, Math.min(misbehaving.size(), 8)),
				daemon("soak-misbehaviour"));
		try {
			for (FleetDevice device : normal) {
				schedule(scheduler, device, tally, endNanos, this.plan.firstDelay(ThreadLocalRandom.current()));
			}
			misbehaving.forEach((device, behaviour) -> {
				schedule(scheduler, device, null, endNanos, this.plan.firstDelay(ThreadLocalRandom.current()));
				scheduler.schedule(() -> behaviours.execute(() -> injections.add(inject(device, behaviour))),
						this.plan.injectionDelay(ThreadLocalRandom.current()).toMillis(), TimeUnit.MILLISECONDS);
			});
			scheduler.scheduleWithFixedDelay(collector::poll, this.plan.pollInterval().toMillis(),
					this.plan.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
			sleepUntil(endNanos + this.plan.settle().toNanos());
		}
		finally {
			scheduler.shutdownNow();
			behaviours.shutdownNow();
			awaitQuietly(scheduler);
			awaitQuietly(behaviours);
		}
		collector.poll();
		if (collector.lastFailure() != null) {
			throw new SimException("cannot read the anomalies: " + collector.lastFailure());
		}
		Map<String, String> statuses = new HashMap<>();
		for (FleetDevice device : misbehaving.keySet()) {
			statuses.put(device.id(), this.admin.device(device.id()).path("status").asString("unknown"));
		}
		Set<String> normalIds = normal.stream().map(FleetDevice::id).collect(Collectors.toUnmodifiableSet());
		List<Injection> all = new ArrayList<>(injections);
		Set<String> played = all.stream().map(Injection::device).collect(Collectors.toSet());
		misbehaving.forEach((device, behaviour) -> {
			if (!played.contains(device.id())) {
				all.add(new Injection(device.id(), behaviour, null, "not played before the end of the run"));
			}
		});
		return new SoakReport(this.plan, normalIds, all, collector.anomalies(), statuses, tally);
	}

	/**
	 * Schedules a device's next token, which schedules the one after, until the end.
	 * @param tally where normal devices count their answers, or {@code null}
	 */
	private void schedule(ScheduledExecutorService scheduler, FleetDevice device, TokenTally tally, long endNanos,
			Duration delay) {
		if (System.nanoTime() + delay.toNanos() >= endNanos || scheduler.isShutdown()) {
			return;
		}
		try {
			scheduler.schedule(() -> {
				TokenAnswer answer = device.token(Sources.HOME);
				if (tally != null) {
					tally.add(answer);
				}
				schedule(scheduler, device, tally, endNanos, this.plan.nextDelay(ThreadLocalRandom.current()));
			}, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// the run is over
		}
	}

	private Injection inject(FleetDevice device, Misbehaviour behaviour) {
		try {
			return new Injection(device.id(), behaviour, behaviour.perform(device, this.clock), null);
		}
		catch (RuntimeException ex) {
			return new Injection(device.id(), behaviour, null, ex.getMessage());
		}
	}

	private static void sleepUntil(long nanos) {
		long left;
		while ((left = nanos - System.nanoTime()) > 0) {
			try {
				TimeUnit.NANOSECONDS.sleep(left);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SimException("interrupted", ex);
			}
		}
	}

	private static void awaitQuietly(ExecutorService executor) {
		try {
			executor.awaitTermination(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static ThreadFactory daemon(String name) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
