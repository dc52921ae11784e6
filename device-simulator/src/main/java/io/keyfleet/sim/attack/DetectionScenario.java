package io.keyfleet.sim.attack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.keyfleet.sim.SimException;
import io.keyfleet.sim.anomaly.Detection;
import io.keyfleet.sim.anomaly.DetectionWatch;
import io.keyfleet.sim.anomaly.DeviceRegistrar;
import io.keyfleet.sim.anomaly.FleetDevice;
import io.keyfleet.sim.anomaly.Misbehaviour;
import io.keyfleet.sim.anomaly.Misbehaviours;
import io.keyfleet.sim.anomaly.Sources;
import io.keyfleet.sim.load.TokenAnswer;

/**
 * A misbehaviour the server must not refuse but notice (CONTRACT "Provisioning, lifecycle
 * and anomalies"): the scenario registers a device of its own, warms up its baseline with
 * {@value #WARMUP_TOKENS} normal tokens {@value #WARMUP_PAUSE_MILLIS} ms apart from
 * {@code 127.0.0.1}, plays the {@link Misbehaviour}, and then polls
 * {@code GET /api/v1/anomalies?device=} until the expected kind is listed or
 * {@link DetectionWatch#CONTRACT_WINDOW 10 s} have passed. Detected is
 * {@link Outcome#REFUSED} (the defence worked); not detected is
 * {@link Outcome#GOT_THROUGH}. A clone must also leave the device {@code quarantined}
 * (the contract's default response). A server whose detector needs a longer baseline
 * must be configured with lower thresholds for this (docs/simulator.md).
 */
final class DetectionScenario implements AttackScenario {

	/**
	 * Six tokens one second apart: five intervals for the detector's token-rate baseline and
	 * five tokens from one address for a device that does not move (the auth-server's
	 * defaults {@code keyfleet.anomaly.warmup} and {@code stationary-events}); its default
	 * 60 s token-rate window needs a server configured with a shorter one (2 s).
	 */
	static final int WARMUP_TOKENS = 6;

	static final long WARMUP_PAUSE_MILLIS = 1000;

	static final Duration POLL = Duration.ofMillis(250);

	static final List<String> SCOPES = List.of("telemetry:write", "config:read");

	private final Misbehaviour behaviour;

	DetectionScenario(Misbehaviour behaviour) {
		this.behaviour = behaviour;
	}

	/**
	 * @return one scenario per misbehaviour of the catalog
	 */
	static List<AttackScenario> all() {
		return Misbehaviours.all().stream().map((behaviour) -> (AttackScenario) new DetectionScenario(behaviour)).toList();
	}

	@Override
	public String name() {
		return this.behaviour.name();
	}

	@Override
	public String description() {
		return this.behaviour.description();
	}

	@Override
	public String expected() {
		return "anomaly " + this.behaviour.kind() + " listed within " + DetectionWatch.CONTRACT_WINDOW.toSeconds() + " s"
				+ (quarantines() ? ", device quarantined" : "");
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		if (this.behaviour.needsResourceServer() && !context.resourceServer().available()) {
			return ScenarioResult.skipped(name(), expected(), context.resourceServer());
		}
		DeviceRegistrar registrar = new DeviceRegistrar(context.admin(), context.endpoints(), context.clock());
		FleetDevice device = registrar.register(context.deviceId(name()), this.behaviour,
				context.deviceId(AttestationAttack.MODEL_NAME), SCOPES);
		for (int i = 0; i < WARMUP_TOKENS; i++) {
			TokenAnswer answer = device.token(Sources.HOME);
			if (!answer.issued()) {
				return ScenarioResult.error(name(), expected(), "setup: warm-up token " + (i + 1) + " answered "
						+ answer.describe());
			}
			pause(WARMUP_PAUSE_MILLIS);
		}
		Instant injected = this.behaviour.perform(device, context.clock());
		Detection detection = new DetectionWatch(context.admin(), context.clock(), POLL).await(device.id(),
				this.behaviour.kind(), injected, DetectionWatch.CONTRACT_WINDOW);
		if (!detection.detected()) {
			return new ScenarioResult(name(), Outcome.GOT_THROUGH, expected(), "no " + this.behaviour.kind()
					+ " anomaly within " + DetectionWatch.CONTRACT_WINDOW.toSeconds() + " s; listed: "
					+ detection.kindsSeen());
		}
		String seen = String.format(Locale.ROOT, "detected %s %.1f s after the behaviour",
				detection.expected().describe(), detection.timeToDetect(injected).toMillis() / 1000.0);
		if (quarantines()) {
			String status = awaitStatus(context, device.id(), "quarantined", Duration.ofSeconds(2));
			if (!"quarantined".equals(status)) {
				return new ScenarioResult(name(), Outcome.GOT_THROUGH, expected(),
						seen + ", but the device's status is " + status);
			}
			seen += ", device quarantined";
		}
		return new ScenarioResult(name(), Outcome.REFUSED, expected(), seen);
	}

	private boolean quarantines() {
		return this.behaviour.kind().equals("clone");
	}

	/**
	 * The response follows the detection, possibly a moment later: the status is read again
	 * until it is the expected one or the grace is over.
	 */
	private static String awaitStatus(AttackContext context, String id, String expected, Duration grace) {
		long deadline = System.nanoTime() + grace.toNanos();
		String status = context.admin().device(id).path("status").asString("");
		while (!expected.equals(status) && System.nanoTime() < deadline) {
			pause(POLL.toMillis());
			status = context.admin().device(id).path("status").asString("");
		}
		return status;
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SimException("interrupted", ex);
		}
	}

}
