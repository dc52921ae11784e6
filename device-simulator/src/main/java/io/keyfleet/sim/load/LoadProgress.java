package io.keyfleet.sim.load;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The live progress bar of a load phase on a terminal (stderr): elapsed time of a timed
 * run, or requests of a counted one, with the current throughput and errors. Used only when
 * there is a console and the output is not JSON; otherwise {@link #none()} does nothing.
 */
public class LoadProgress implements AutoCloseable {

	private final ScheduledExecutorService ticker;

	private final ProgressBar bar;

	private final Phase phase;

	private final boolean timed;

	private LoadProgress(String task, Phase phase, Duration duration, long requests) {
		this.phase = phase;
		this.timed = duration != null;
		this.bar = new ProgressBarBuilder().setTaskName(task)
			.setInitialMax(this.timed ? duration.toMillis() : requests)
			.setUnit(this.timed ? " ms" : " req", 1)
			.setStyle(ProgressBarStyle.ASCII)
			.setUpdateIntervalMillis(250)
			.continuousUpdate()
			.hideEta()
			.build();
		this.ticker = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "keyfleet-sim-progress");
			thread.setDaemon(true);
			return thread;
		});
		this.ticker.scheduleAtFixedRate(this::tick, 250, 250, TimeUnit.MILLISECONDS);
	}

	/**
	 * @return a progress that shows nothing
	 */
	static LoadProgress none() {
		return new LoadProgress();
	}

	private LoadProgress() {
		this.ticker = null;
		this.bar = null;
		this.phase = null;
		this.timed = false;
	}

	/**
	 * @param enabled whether to show a bar (a console, no --json)
	 * @param task the phase's name
	 * @param phase the phase to watch
	 * @param duration the phase's length, or {@code null} for a counted run
	 * @param requests the phase's requests for a counted run
	 * @return the progress; close it when the phase is over
	 */
	static LoadProgress start(boolean enabled, String task, Phase phase, Duration duration, long requests) {
		return enabled ? new LoadProgress(task, phase, duration, requests) : none();
	}

	private void tick() {
		long elapsedNanos = System.nanoTime() - this.phase.startNanos;
		long completed = this.phase.completed.sum();
		this.bar.stepTo(this.timed ? Math.min(TimeUnit.NANOSECONDS.toMillis(elapsedNanos), this.bar.getMax())
				: completed);
		this.bar.setExtraMessage(String.format(" %d req, %.0f/s, %d errors", completed,
				completed / Math.max(elapsedNanos / 1e9, 1e-3), this.phase.errors.total()));
	}

	@Override
	public void close() {
		if (this.bar != null) {
			this.ticker.shutdownNow();
			tick();
			this.bar.close();
		}
	}

}
