package io.keyfleet.sim.load;

import java.net.URI;
import java.time.Duration;

/**
 * What a load run does.
 *
 * @param duration how long to measure, or {@code null} to stop after {@code requests}
 * @param requests how many requests to measure, or 0 to stop after {@code duration}
 * @param concurrency closed loop: the number of workers, each with one request in flight;
 * open loop: the most requests in flight (workers and connections)
 * @param rate open loop: requests per second on a fixed schedule; 0 for a closed loop
 * @param warmup how long to run before measuring (not reported), possibly zero
 * @param callUrl a URL to call with each token (RFC 6750 Section 2.1), or {@code null}
 * @param callMethod the HTTP method of the call
 */
public record LoadPlan(Duration duration, long requests, int concurrency, double rate, Duration warmup, URI callUrl,
		String callMethod) {

	public LoadPlan {
		if (duration == null && requests <= 0) {
			throw new IllegalArgumentException("a duration or a number of requests is needed");
		}
		if (concurrency < 1) {
			throw new IllegalArgumentException("concurrency must be 1 or more");
		}
		if (rate < 0) {
			throw new IllegalArgumentException("rate must be 0 (closed loop) or more");
		}
	}

	public boolean openLoop() {
		return this.rate > 0;
	}

}
