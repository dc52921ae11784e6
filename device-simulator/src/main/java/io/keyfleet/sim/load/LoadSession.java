package io.keyfleet.sim.load;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.net.ssl.SSLSocketFactory;

import io.keyfleet.sim.attest.AttestMode;
import io.keyfleet.sim.attest.AttestationStore;
import io.keyfleet.sim.binding.Binding;
import io.keyfleet.sim.binding.DeviceBinding;
import io.keyfleet.sim.fleet.DeviceRecord;

/**
 * One load run: prepares the fleet's devices (keys converted and signers built once), runs
 * the warmup, then the measured phase, and reports. Connections opened during the warmup
 * are kept for the measurement.
 */
public final class LoadSession {

	private final LoadPlan plan;

	private final URI tokenEndpoint;

	private final SSLSocketFactory socketFactory;

	private final int timeoutMillis;

	private AttestationStore attestations;

	private AttestMode attestMode = AttestMode.ALWAYS;

	private Supplier<URI> challengeEndpoint;

	/**
	 * @param plan what to run
	 * @param tokenEndpoint the token endpoint (also the assertions' audience)
	 * @param socketFactory trusts the servers' CA
	 * @param timeoutMillis connect and read timeout
	 */
	public LoadSession(LoadPlan plan, URI tokenEndpoint, SSLSocketFactory socketFactory, int timeoutMillis) {
		this.plan = plan;
		this.tokenEndpoint = tokenEndpoint;
		this.socketFactory = socketFactory;
		this.timeoutMillis = timeoutMillis;
	}

	/**
	 * Lets the devices that attest (those with an attestation in the store) attest: each of
	 * their requests then costs a challenge and fresh evidence ({@link AttestMode#ALWAYS}), or
	 * only when the server asks ({@link AttestMode#WHEN_ASKED}); the report says which, and
	 * how many challenges and retries there were.
	 * @param store the fleet's attestations
	 * @param mode when to send evidence
	 * @param challengeEndpoint the server's challenge endpoint, asked for only when a device attests
	 */
	public void attest(AttestationStore store, AttestMode mode, Supplier<URI> challengeEndpoint) {
		this.attestations = store;
		this.attestMode = mode;
		this.challengeEndpoint = challengeEndpoint;
	}

	/**
	 * @param fleet the devices with their binding material, in round-robin order
	 * @param binding the binding they all use, reported
	 * @param extraForm encoded form parameters for every token request ({@code &scope=...})
	 * @param showProgress whether to show a progress bar
	 * @return the report of the measured phase
	 */
	public LoadReport run(List<BoundDevice> fleet, Binding binding, String extraForm, boolean showProgress) {
		List<LoadDevice> devices = fleet.parallelStream()
			.map((device) -> new LoadDevice(device, this.tokenEndpoint, extraForm, attester(device.device())))
			.toList();
		long attesting = devices.stream().filter((device) -> device.attester() != null).count();
		Map<String, Long> byMethod = new TreeMap<>(
				devices.stream().collect(Collectors.groupingBy((device) -> device.method().value(), Collectors.counting())));
		try (LoadRunner runner = new LoadRunner(devices, this.tokenEndpoint, this.plan.callUrl(), this.plan.callMethod(),
				this.socketFactory, this.timeoutMillis, this.plan.concurrency(),
				(attesting > 0) ? this.challengeEndpoint.get() : null)) {
			Phase measured = measure(this.plan, runner, showProgress);
			LoadReport report = LoadReport.of(this.plan, measured, byMethod, runner.connectionsOpened());
			report.json().put("binding", binding.value());
			if (attesting > 0) {
				report.json().set("attestation", measured.attestation.json(this.attestMode, attesting));
			}
			return report;
		}
	}

	/**
	 * Runs the plan's warmup (unmeasured), then its measured phase, with a progress bar.
	 * @param plan what to run
	 * @param runner the workers
	 * @param showProgress whether to show a progress bar
	 * @return the measured phase
	 */
	static Phase measure(LoadPlan plan, PhaseRunner runner, boolean showProgress) {
		if (!plan.warmup().isZero()) {
			Phase warmup = new Phase(System.nanoTime(), plan.warmup().toNanos(), Long.MAX_VALUE, plan.rate());
			try (LoadProgress progress = LoadProgress.start(showProgress, "warmup", warmup, plan.warmup(), 0)) {
				runner.run(warmup);
			}
		}
		long durationNanos = (plan.duration() != null) ? plan.duration().toNanos() : Long.MAX_VALUE;
		long requests = (plan.requests() > 0) ? plan.requests() : Long.MAX_VALUE;
		Phase measured = new Phase(System.nanoTime(), durationNanos, requests, plan.rate());
		try (LoadProgress progress = LoadProgress.start(showProgress, "load", measured,
				(plan.requests() > 0) ? null : plan.duration(), requests)) {
			runner.run(measured);
		}
		return measured;
	}

	private LoadAttester attester(DeviceRecord device) {
		if (this.attestations == null) {
			return null;
		}
		return this.attestations.attester(device.id()).map((attester) -> new LoadAttester(attester, this.attestMode))
			.orElse(null);
	}

	/**
	 * A device of a load run with what its binding needs.
	 *
	 * @param device the device
	 * @param binding its binding material
	 * @param socketFactory a socket factory presenting its own client certificate (mutual
	 * TLS), or {@code null} to use the workers' shared connections
	 */
	public record BoundDevice(DeviceRecord device, DeviceBinding binding, SSLSocketFactory socketFactory) {
	}

	/**
	 * @param parameters name/value pairs to add to every token request
	 * @return them encoded as {@code &name=value...}
	 */
	public static String form(List<String[]> parameters) {
		return LoadDevice.form(parameters);
	}

}
