package io.keyfleet.sim;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import io.keyfleet.sim.admin.AdminClient;
import io.keyfleet.sim.anomaly.Endpoints;
import io.keyfleet.sim.anomaly.FleetDevice;
import io.keyfleet.sim.anomaly.Misbehaviour;
import io.keyfleet.sim.anomaly.Misbehaviours;
import io.keyfleet.sim.attack.ResourceServer;
import io.keyfleet.sim.attack.TlsClients;
import io.keyfleet.sim.binding.DeviceBinding;
import io.keyfleet.sim.fleet.DeviceRecord;
import io.keyfleet.sim.fleet.FleetStore;
import io.keyfleet.sim.soak.SoakFleet;
import io.keyfleet.sim.soak.SoakPlan;
import io.keyfleet.sim.soak.SoakReport;
import io.keyfleet.sim.soak.SoakRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code keyfleet-sim soak}: runs a normal fleet with a few injected misbehaving devices
 * and reports how the server's anomaly detection did (issue 8, "Quality of detection,
 * measured"; CONTRACT "Provisioning, lifecycle and anomalies"), with the devices of a
 * {@link SoakFleet}, run by a {@link SoakRunner}.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Run a fleet of normal devices (a token every --token-interval, +- --jitter, each on its own "
				+ "schedule) with --misbehaving devices of each behaviour injected at random times after --warmup, "
				+ "then report per behaviour how many were detected, the median and p99 time to detect, false "
				+ "positives (anomalies of normal devices) per 1,000 device-hours and false quarantines.",
				"Behaviours: clone (127.0.0.2 at the same time as 127.0.0.1), stolen-credentials (127.0.0.3), "
						+ "wrong-secret-burst, firmware-change, revoked-token-replay (needs --resource-server), "
						+ "token-burst." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:every goal met", ExitCodes.SOFTWARE_LINE, ExitCodes.USAGE_LINE,
				ExitCodes.OAUTH_ERROR_LINE + " (admin token)", ExitCodes.GOAL_MISSED_LINE })
final class SoakCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Mixin
	private ServerOptions server;

	@Mixin
	private AdminOptions adminOptions;

	@Mixin
	private FleetOptions fleet;

	@Option(names = "--devices", required = true, paramLabel = "N", description = "Normal devices (0 to 1,000,000).")
	private int devices;

	@Option(names = "--misbehaving", paramLabel = "SHARE|N", defaultValue = "1%",
			description = "Misbehaving devices of each behaviour: a share of --devices (at least 1), or a number "
					+ "(default: ${DEFAULT-VALUE}).")
	private String misbehaving;

	@Option(names = "--kinds", paramLabel = "BEHAVIOUR", split = ",", completionCandidates = BehaviourNames.class,
			description = "The behaviours to inject (default: all): ${COMPLETION-CANDIDATES}.")
	private List<String> kinds = new ArrayList<>();

	@Option(names = "--duration", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
			description = "How long the fleet runs (default: ${DEFAULT-VALUE}).")
	private Duration duration;

	@Option(names = "--token-interval", paramLabel = "DURATION", defaultValue = "3m", converter = DurationConverter.class,
			description = "Mean time between a device's tokens (default: ${DEFAULT-VALUE}).")
	private Duration tokenInterval;

	@Option(names = "--jitter", paramLabel = "SHARE", defaultValue = "30%", converter = PercentConverter.class,
			description = "Spread of each interval around the mean (default: ${DEFAULT-VALUE}).")
	private double jitter;

	@Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class,
			description = "No misbehaviour before this, so that baselines exist (default: half the duration).")
	private Duration warmup;

	@Option(names = "--settle", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
			description = "How long to keep reading the anomalies after the duration (default: ${DEFAULT-VALUE}).")
	private Duration settle;

	@Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
			description = "How often the anomaly list is read (default: ${DEFAULT-VALUE}).")
	private Duration pollInterval;

	@Option(names = "--threads", paramLabel = "N", defaultValue = "8",
			description = "Threads sending the fleet's tokens (default: ${DEFAULT-VALUE}).")
	private int threads;

	@Option(names = "--id-prefix", paramLabel = "PREFIX", defaultValue = "soak",
			description = "Normal devices are <PREFIX>-<number>, reused when the fleet has them (default: ${DEFAULT-VALUE}).")
	private String idPrefix;

	@Option(names = "--resource-server", paramLabel = "URL", defaultValue = "https://localhost:8444",
			description = "Base URL of the resource server revoked-token-replay replays at (default: ${DEFAULT-VALUE}).")
	private URI resourceServer;

	@Override
	public Integer call() {
		List<Misbehaviour> behaviours = behaviours();
		if (this.devices < 0 || this.devices > 1_000_000) {
			throw new ParameterException(this.spec.commandLine(), "--devices must be 0 to 1,000,000");
		}
		if (this.threads < 1) {
			throw new ParameterException(this.spec.commandLine(), "--threads must be 1 or more");
		}
		if (!DeviceRecord.ID.matcher(this.idPrefix + "-x").matches()) {
			throw new ParameterException(this.spec.commandLine(), "--id-prefix must be letters, digits and ._:-");
		}
		SoakPlan plan = plan(behaviours);
		HttpTransport http = this.server.httpTransport(null);
		AuthorizationServerMetadata metadata = ServerMetadata.discover(this.server.server(), http);
		AdminClient admin = this.adminOptions.adminClient(http, metadata);
		admin.accessToken(); // fail early, with one clear line, when the admin credentials are wrong
		if (behaviours.stream().anyMatch(Misbehaviour::needsResourceServer) && !new ResourceServer(this.resourceServer,
				new TlsClients(this.server.caFile(), this.server.timeout())).available()) {
			throw new SimException("no resource server answers at " + this.resourceServer
					+ " (--resource-server); revoked-token-replay needs one (or leave it out with --kinds)");
		}
		Endpoints endpoints = Endpoints.of(metadata, this.resourceServer,
				this.server.sslContext(DeviceBinding.NONE).getSocketFactory(), (int) this.server.timeout().toMillis());
		Clock clock = Clock.systemUTC();
		FleetStore store = this.fleet.store();
		store.bind(this.server.server(), this.server.caFile());
		SoakFleet fleet = new SoakFleet(admin, endpoints, clock);
		List<FleetDevice> normal = fleet.normal(store, this.idPrefix, this.devices);
		Map<FleetDevice, Misbehaviour> misbehaving = fleet.misbehaving(plan,
				this.idPrefix + "-" + FleetCreateCommand.randomSuffix());
		PrintWriter err = this.spec.commandLine().getErr();
		err.printf(Locale.ROOT, "soak: %d normal and %d misbehaving devices for %s (warm-up %s)%n", normal.size(),
				misbehaving.size(), SoakReport.human(plan.duration()), SoakReport.human(plan.warmup()));
		err.flush();
		SoakReport report = new SoakRunner(plan, admin, clock, this.threads).run(normal, misbehaving);
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.server.json()) {
			out.println(JsonOutput.compact(report.json()));
			out.flush();
		}
		else {
			report.print(out);
		}
		return report.missedGoals().isEmpty() ? ExitCodes.OK : ExitCodes.GOAL_MISSED;
	}

	private List<Misbehaviour> behaviours() {
		if (this.kinds.isEmpty()) {
			return Misbehaviours.all();
		}
		List<Misbehaviour> chosen = new ArrayList<>();
		for (String name : this.kinds) {
			chosen.add(Misbehaviours.find(name.trim())
				.orElseThrow(() -> new ParameterException(this.spec.commandLine(), "unknown behaviour '" + name
						+ "' (expected one of " + String.join(", ", Misbehaviours.names()) + ")")));
		}
		return chosen;
	}

	private SoakPlan plan(List<Misbehaviour> behaviours) {
		Duration warm = (this.warmup != null) ? this.warmup : this.duration.dividedBy(2);
		try {
			return new SoakPlan(this.devices, perKind(), behaviours, this.duration, this.tokenInterval, this.jitter, warm,
					this.settle, this.pollInterval);
		}
		catch (IllegalArgumentException ex) {
			throw new ParameterException(this.spec.commandLine(), ex.getMessage());
		}
	}

	/**
	 * @return {@code --misbehaving}: a share of the normal devices, at least one, or a count
	 */
	int perKind() {
		String value = this.misbehaving.trim();
		try {
			if (value.endsWith("%")) {
				double share = new PercentConverter().convert(value);
				return Math.max(1, (int) Math.round(this.devices * share));
			}
			int count = Integer.parseInt(value);
			if (count < 0) {
				throw new NumberFormatException();
			}
			return count;
		}
		catch (RuntimeException ex) {
			throw new ParameterException(this.spec.commandLine(),
					"--misbehaving must be a share (e.g. 1%) or a number of devices: " + value);
		}
	}

	/** picocli: the behaviour names for help and completion. */
	static final class BehaviourNames implements Iterable<String> {

		@Override
		public Iterator<String> iterator() {
			return Misbehaviours.names().iterator();
		}

	}

}
