package io.keyfleet.sim.load;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLSocketFactory;

import io.keyfleet.sim.SimException;

/**
 * Drives the fleet against the token endpoint (and, optionally, a resource) with a fixed
 * number of workers. Each worker is one thread with its own kept-alive connection(s), so
 * connections are reused across requests and phases, as devices that stay connected would.
 *
 * <p>Closed loop: each worker sends its next request as soon as the previous one
 * completed; a request's latency counts from when it was sent. Open loop: requests are
 * started on the {@link OpenLoopSchedule}; a worker that is free waits for the next
 * scheduled time, and a request that finds every worker busy starts late, its latency
 * still counting from its scheduled time (coordinated omission corrected).
 */
public final class LoadRunner implements PhaseRunner {

	private final List<LoadDevice> devices;

	private final List<LoadWorker> workers = new ArrayList<>();

	private final String jtiPrefix = JtiSource.newRunPrefix();

	private final DeviceConnections deviceTokens;

	private final DeviceConnections deviceCalls;

	/**
	 * @param devices the fleet, in round-robin order
	 * @param tokenEndpoint the token endpoint
	 * @param callUrl a URL to call with each token, or {@code null}
	 * @param callMethod the HTTP method of the call
	 * @param socketFactory trusts the servers' CA
	 * @param timeoutMillis connect and read timeout
	 * @param concurrency how many workers (and connections per target)
	 */
	public LoadRunner(List<LoadDevice> devices, URI tokenEndpoint, URI callUrl, String callMethod,
			SSLSocketFactory socketFactory, int timeoutMillis, int concurrency) {
		this(devices, tokenEndpoint, callUrl, callMethod, socketFactory, timeoutMillis, concurrency, null);
	}

	/**
	 * @param devices the fleet, in round-robin order
	 * @param tokenEndpoint the token endpoint
	 * @param callUrl a URL to call with each token, or {@code null}
	 * @param callMethod the HTTP method of the call
	 * @param socketFactory trusts the servers' CA
	 * @param timeoutMillis connect and read timeout
	 * @param concurrency how many workers (and connections per target)
	 * @param challengeEndpoint where attesting devices get challenges, on the token
	 * endpoint's host (the same connection serves both), or {@code null} when none attests
	 */
	LoadRunner(List<LoadDevice> devices, URI tokenEndpoint, URI callUrl, String callMethod,
			SSLSocketFactory socketFactory, int timeoutMillis, int concurrency, URI challengeEndpoint) {
		if (challengeEndpoint != null && !challengeEndpoint.getRawAuthority().equals(tokenEndpoint.getRawAuthority())) {
			throw new SimException("the challenge endpoint " + challengeEndpoint + " is not on the token endpoint's host "
					+ tokenEndpoint.getRawAuthority() + ": load sends both over one connection");
		}
		if (devices.isEmpty()) {
			throw new IllegalArgumentException("no devices");
		}
		this.devices = List.copyOf(devices);
		this.deviceTokens = new DeviceConnections(tokenEndpoint, timeoutMillis);
		this.deviceCalls = (callUrl != null) ? new DeviceConnections(callUrl, timeoutMillis) : null;
		for (int i = 0; i < concurrency; i++) {
			Http1Connection tokens = new Http1Connection(socketFactory, tokenEndpoint, timeoutMillis);
			Http1Connection calls = (callUrl != null) ? new Http1Connection(socketFactory, callUrl, timeoutMillis)
					: null;
			this.workers.add(new LoadWorker(this.devices, new JtiSource(this.jtiPrefix, i), tokens, calls,
					(callUrl != null) ? new CallRequest(callMethod, callUrl) : null,
					(challengeEndpoint != null) ? new ChallengeRequest(challengeEndpoint) : null, this.deviceTokens,
					this.deviceCalls));
		}
	}

	/**
	 * Runs one phase with every worker and returns when all are done.
	 * @param phase the phase
	 * @return the phase, with its measurements
	 */
	@Override
	public Phase run(Phase phase) {
		return PhaseLoop.runAll(this.workers, phase);
	}

	/**
	 * @return the connections opened so far (TLS handshakes), over all workers and targets
	 */
	@Override
	public int connectionsOpened() {
		return this.workers.stream().mapToInt(LoadWorker::connectionsOpened).sum() + this.deviceTokens.opened()
				+ ((this.deviceCalls != null) ? this.deviceCalls.opened() : 0);
	}

	@Override
	public void close() {
		this.workers.forEach(LoadWorker::close);
		this.deviceTokens.close();
		if (this.deviceCalls != null) {
			this.deviceCalls.close();
		}
	}

}
