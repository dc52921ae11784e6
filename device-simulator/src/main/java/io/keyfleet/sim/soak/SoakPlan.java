package io.keyfleet.sim.soak;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

import io.keyfleet.sim.anomaly.DetectionWatch;
import io.keyfleet.sim.anomaly.Misbehaviour;

/**
 * What a soak runs: a fleet of normal devices, each requesting a token every
 * {@code tokenInterval} give or take {@code jitter}, and {@code misbehavingPerKind}
 * devices of each behaviour that behave normally until their misbehaviour is injected at
 * a random time after {@code warmup}, late enough that its 10 s detection window ends
 * within {@code duration}. After the duration the run waits {@code settle} for the last
 * detections.
 *
 * @param normalDevices how many normal devices
 * @param misbehavingPerKind how many misbehaving devices of each behaviour
 * @param behaviours the behaviours injected
 * @param duration how long the fleet runs
 * @param tokenInterval the mean time between a device's tokens
 * @param jitter the spread around it, 0 to 1 (0.3: 70 % to 130 % of the interval)
 * @param warmup no injection before this (the devices build their baselines)
 * @param settle how long to keep polling the anomalies after the duration
 * @param pollInterval how often the anomaly list is read
 */
public record SoakPlan(int normalDevices, int misbehavingPerKind, List<Misbehaviour> behaviours, Duration duration,
		Duration tokenInterval, double jitter, Duration warmup, Duration settle, Duration pollInterval) {

	/** What a behaviour itself takes at most (a few seconds of requests), kept clear of the end. */
	static final Duration BEHAVIOUR_ALLOWANCE = Duration.ofSeconds(5);

	public SoakPlan {
		Objects.requireNonNull(behaviours, "behaviours cannot be null");
		behaviours = List.copyOf(behaviours);
		if (normalDevices < 0 || misbehavingPerKind < 0) {
			throw new IllegalArgumentException("device counts cannot be negative");
		}
		if (jitter < 0 || jitter > 1) {
			throw new IllegalArgumentException("jitter must be between 0 % and 100 %");
		}
		if (tokenInterval.isNegative() || tokenInterval.isZero()) {
			throw new IllegalArgumentException("the token interval must be positive");
		}
		if (duration.minus(injectionTail()).compareTo(warmup) < 0) {
			throw new IllegalArgumentException("the duration (" + duration.toSeconds() + " s) must exceed the warm-up ("
					+ warmup.toSeconds() + " s) by at least " + injectionTail().toSeconds()
					+ " s: the behaviour and its detection window");
		}
	}

	/**
	 * @param random the source of jitter
	 * @return the time until a device's next token: the interval, plus or minus up to {@code jitter} of it
	 */
	public Duration nextDelay(RandomGenerator random) {
		double factor = 1 + this.jitter * (2 * random.nextDouble() - 1);
		return Duration.ofMillis(Math.max(1, Math.round(this.tokenInterval.toMillis() * factor)));
	}

	/**
	 * @param random the source of randomness
	 * @return the time of a device's first token, from the start: anywhere in one interval,
	 * so that the fleet's requests are spread evenly from the beginning
	 */
	public Duration firstDelay(RandomGenerator random) {
		return Duration.ofMillis((long) (random.nextDouble() * this.tokenInterval.toMillis()));
	}

	/**
	 * @param random the source of randomness
	 * @return when to inject a misbehaviour, from the start: uniform between the warm-up and
	 * the latest time whose detection window still ends within the duration
	 */
	public Duration injectionDelay(RandomGenerator random) {
		long from = this.warmup.toMillis();
		long to = latestInjection().toMillis();
		return Duration.ofMillis(from + (long) (random.nextDouble() * (to - from)));
	}

	/**
	 * @return normal devices × duration, in hours: the denominator of the false positive rate
	 */
	public double normalDeviceHours() {
		return this.normalDevices * (this.duration.toMillis() / 3_600_000.0);
	}

	private Duration latestInjection() {
		return this.duration.minus(injectionTail());
	}

	private static Duration injectionTail() {
		return DetectionWatch.CONTRACT_WINDOW.plus(BEHAVIOUR_ALLOWANCE);
	}

}
