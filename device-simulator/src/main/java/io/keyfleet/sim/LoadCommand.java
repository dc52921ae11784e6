package io.keyfleet.sim;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import io.keyfleet.sim.attest.AttestModeOption;
import io.keyfleet.sim.attest.AttestationStore;
import io.keyfleet.sim.attest.ChallengeClient;
import io.keyfleet.sim.binding.DeviceBinding;
import io.keyfleet.sim.fleet.DeviceRecord;
import io.keyfleet.sim.fleet.FleetStore;
import io.keyfleet.sim.load.LoadPlan;
import io.keyfleet.sim.load.LoadReport;
import io.keyfleet.sim.load.LoadSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code keyfleet-sim load}: the fleet's devices request tokens (and optionally call a URL
 * with them), round robin, over kept-alive TLS connections, in a closed loop
 * ({@code --concurrency}) or an open loop at a fixed rate ({@code --rate}); reports
 * throughput, latency percentiles and errors by kind (see {@link LoadSession}).
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Load the auth-server with the local fleet: each request is a client_credentials token request "
				+ "of the next device (round robin), optionally followed by a call of --call URL with the token.",
				"Closed loop (--concurrency C): C workers, each with one request in flight. Open loop (--rate R): R "
						+ "requests/s on a fixed schedule, latency counted from each request's scheduled time "
						+ "(coordinated omission corrected), at most --concurrency in flight.",
				"Each worker keeps its HTTP/1.1 TLS connection alive. Reports throughput, p50/p90/p99/p99.9/max "
						+ "(HdrHistogram) and errors by kind; a progress bar on a terminal.",
				"--binding mtls: a connection carries one device's certificate, so each device keeps its own "
						+ "connections (one TLS handshake per device and target, not per worker). --binding dpop: one "
						+ "proof signature more per token request and per call.",
				"The server's per-client rate limit (default 10/s) applies per device: use many devices, or raise "
						+ "keyfleet.rate-limit.* on the server for benchmarks." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:every request succeeded", "1:failure, or some requests got no HTTP answer (connect, "
				+ "timeout, TLS)", ExitCodes.USAGE_LINE, "3:some requests were refused by the server (HTTP error "
						+ "answers only)" })
final class LoadCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Mixin
	private ServerOptions server;

	@Mixin
	private FleetOptions fleet;

	@Mixin
	private AttestModeOption attest;

	@Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
			description = "How long to measure, e.g. 30s or 2m (default: 10s unless --requests is given).")
	private Duration duration;

	@Option(names = "--requests", paramLabel = "N", description = "How many requests to measure.")
	private long requests;

	@Option(names = { "-c", "--concurrency" }, paramLabel = "C",
			description = "Closed loop: workers (default 8). Open loop: most requests in flight (default 64).")
	private Integer concurrency;

	@Option(names = "--rate", paramLabel = "R", description = "Open loop: requests per second on a fixed schedule.")
	private double rate;

	@Option(names = "--warmup", paramLabel = "TIME", converter = DurationConverter.class, defaultValue = "0s",
			description = "Run this long first, unmeasured (default: ${DEFAULT-VALUE}).")
	private Duration warmup;

	@Option(names = "--call", paramLabel = "URL",
			description = "Call this https URL with each token (Bearer, or DPoP with --binding dpop).")
	private URI callUrl;

	@Option(names = "--call-method", paramLabel = "METHOD", defaultValue = "GET",
			description = "HTTP method of --call (default: ${DEFAULT-VALUE}).")
	private String callMethod;

	@Option(names = "--auth", paramLabel = "METHOD", converter = ClientAuthMethod.Converter.class,
			description = "Use only the fleet's devices with this authentication method.")
	private ClientAuthMethod auth;

	@Option(names = "--devices", paramLabel = "N", description = "Use only the first N devices (by id).")
	private int devices;

	@Option(names = "--scope", paramLabel = "SCOPE", description = "Requested scope (default: the devices').")
	private List<String> scopes = new ArrayList<>();

	@Option(names = "--resource", paramLabel = "URI", description = "Target resource (RFC 8707); repeatable.")
	private List<URI> resources = new ArrayList<>();

	@Mixin
	private BindingOptions bindingOptions;

	@Option(names = "--mode", paramLabel = "MODE", defaultValue = "token",
			completionCandidates = PkiLoad.Modes.class,
			description = { "What each request is: token (default), enroll (EST simpleenroll with a pre-fetched "
					+ "enrollment token and a fresh P-256 CSR; needs --requests), reenroll (EST simplereenroll over "
					+ "each device's kept-alive mTLS connection), ocsp (POST /pki/ocsp for issued serials).",
					"enroll, reenroll and ocsp register --devices tls_client_auth devices (default 100) through the "
							+ "admin API and prepare tokens, CSRs and certificates before measuring." })
	private String mode;

	@Option(names = "--ocsp-nonce", description = "--mode ocsp: each request carries a nonce (RFC 8954), checked in "
			+ "the answer.")
	private boolean ocspNonce;

	@Mixin
	private AdminOptions adminOptions;

	@Override
	public Integer call() {
		if (!this.mode.equals("token")) {
			return new PkiLoad(this.spec, this.server, this.adminOptions, this.mode, this.devices, this.ocspNonce)
				.run(plan(), this.callUrl != null);
		}
		LoadPlan plan = plan();
		FleetStore store = this.fleet.store();
		List<DeviceRecord> devices = selectDevices(store);
		this.server.defaultTo(store.binding());
		PrintWriter err = this.spec.commandLine().getErr();
		HttpTransport http = this.server.httpTransport(isVerbose() ? err : null);
		AuthorizationServerMetadata metadata = ServerMetadata.discover(this.server.server(), http);
		boolean progress = System.console() != null && !this.server.json();
		LoadSession session = new LoadSession(plan, metadata.getTokenEndpointURI(),
				TlsContext.socketFactory(this.server.caFile()), (int) this.server.timeout().toMillis());
		session.attest(new AttestationStore(store), this.attest.mode(), () -> ChallengeClient.endpoint(metadata));
		LoadReport report = session.run(bind(store, devices), this.bindingOptions.binding(),
				LoadSession.form(formParameters()), progress);
		return print(this.spec, this.server.json(), report);
	}

	/**
	 * Prints the report as JSON or text, with hints on stderr for JSON.
	 * @return the exit code for it
	 */
	static int print(CommandSpec spec, boolean json, LoadReport report) {
		PrintWriter out = spec.commandLine().getOut();
		PrintWriter err = spec.commandLine().getErr();
		if (json) {
			out.println(JsonOutput.compact(report.json()));
			out.flush();
			report.json().get("hints").values().forEach((hint) -> err.println("keyfleet-sim load: hint: " + hint.asString()));
		}
		else {
			report.printText(out);
		}
		err.flush();
		return exitCode(report);
	}

	private static int exitCode(LoadReport report) {
		if (report.json().get("errors").asLong() == 0) {
			return ExitCodes.OK;
		}
		boolean onlyAnswers = report.json().get("errors_by_kind").propertyNames().stream()
			.allMatch((kind) -> kind.startsWith("http_") || kind.startsWith("call_http_")
					|| kind.startsWith("challenge_http_"));
		return onlyAnswers ? ExitCodes.OAUTH_ERROR : ExitCodes.SOFTWARE;
	}

	private LoadPlan plan() {
		if (this.rate < 0 || this.requests < 0 || this.devices < 0) {
			throw usage("--rate, --requests and --devices cannot be negative");
		}
		if (this.concurrency != null && (this.concurrency < 1 || this.concurrency > 4096)) {
			throw usage("--concurrency must be between 1 and 4096");
		}
		if (this.duration != null && this.duration.isZero()) {
			throw usage("--duration must be more than 0");
		}
		if (this.callUrl != null && !"https".equalsIgnoreCase(this.callUrl.getScheme())) {
			throw usage("--call must be an https URL (RFC 6750 section 5.3): " + this.callUrl);
		}
		Duration measured = (this.duration == null && this.requests == 0) ? Duration.ofSeconds(10) : this.duration;
		int workers = (this.concurrency != null) ? this.concurrency : (this.rate > 0) ? 64 : 8;
		return new LoadPlan(measured, this.requests, workers, this.rate, this.warmup, this.callUrl,
				this.callMethod.toUpperCase(Locale.ROOT));
	}

	/**
	 * Prepares each device's binding material (made and stored on first use); with mutual
	 * TLS each device gets a socket factory of its own certificate.
	 */
	private List<LoadSession.BoundDevice> bind(FleetStore store, List<DeviceRecord> devices) {
		return devices.parallelStream().map((device) -> {
			DeviceBinding binding = this.bindingOptions.prepare(store, device, EcdsaProvider.PROVIDER);
			return new LoadSession.BoundDevice(device, binding,
					(binding.certificate() != null) ? this.server.sslContext(binding).getSocketFactory() : null);
		}).toList();
	}

	private List<DeviceRecord> selectDevices(FleetStore store) {
		List<DeviceRecord> selected = store.loadAll()
			.stream()
			.filter((device) -> this.auth == null || device.method() == this.auth)
			.limit((this.devices > 0) ? this.devices : Long.MAX_VALUE)
			.toList();
		if (selected.isEmpty()) {
			throw new SimException("no " + ((this.auth != null) ? this.auth + " " : "") + "devices in the fleet at "
					+ store.directory() + " (create some with 'fleet create', or pass --fleet-dir)");
		}
		return selected;
	}

	private List<String[]> formParameters() {
		List<String[]> parameters = new ArrayList<>();
		String scope = TokenCommand.scope(this.scopes).toString();
		if (!scope.isEmpty()) {
			parameters.add(new String[] { "scope", scope });
		}
		this.resources.forEach((resource) -> parameters.add(new String[] { "resource", resource.toString() }));
		return parameters;
	}

	private ParameterException usage(String message) {
		return new ParameterException(this.spec.commandLine(), message);
	}

	private boolean isVerbose() {
		return this.spec.root().userObject() instanceof KeyfleetSim sim && sim.isVerbose();
	}

}
