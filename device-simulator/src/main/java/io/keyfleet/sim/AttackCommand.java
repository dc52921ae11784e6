package io.keyfleet.sim;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import io.keyfleet.sim.admin.AdminClient;
import io.keyfleet.sim.attack.AttackContext;
import io.keyfleet.sim.attack.AttackScenario;
import io.keyfleet.sim.attack.AttackScenarios;
import io.keyfleet.sim.attack.Outcome;
import io.keyfleet.sim.attack.ResourceServer;
import io.keyfleet.sim.attack.ScenarioResult;
import io.keyfleet.sim.attack.TlsClients;
import io.keyfleet.sim.fleet.DeviceRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code keyfleet-sim attack SCENARIO|all}: plays attacks against the server and reports,
 * for each, whether the server refused it the way the contract says (see
 * {@link AttackScenario}). Each scenario registers the devices it needs through the admin
 * API, with ids {@code <id-prefix><name>}.
 */
@Command(name = "attack", mixinStandardHelpOptions = true,
		description = { "Attack the auth-server (and the resource server, --resource-server) and check that it "
				+ "refuses each attack as the contract says (status code and error code). Each scenario registers "
				+ "its own devices through the admin API.",
				"Run brute-force-secret against a server with its default rate limits.",
				"The anomaly scenarios (clone, stolen-credentials, wrong-secret-burst, firmware-change, "
						+ "revoked-token-replay, token-burst) misbehave after a 6-token warm-up and pass when the server "
						+ "lists the expected anomaly within 10 s (GET /api/v1/anomalies)." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:every attack was refused as the contract says (or skipped: no resource server)", "1:a scenario could not be judged "
				+ "(setup failed, or the server refused otherwise than the contract says)", ExitCodes.USAGE_LINE,
				ExitCodes.GOT_THROUGH_LINE })
final class AttackCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Mixin
	private ServerOptions server;

	@Mixin
	private AdminOptions adminOptions;

	@Parameters(index = "0", paramLabel = "SCENARIO", completionCandidates = ScenarioNames.class,
			description = "A scenario: ${COMPLETION-CANDIDATES}; or all.")
	private String scenario;

	@Option(names = "--id-prefix", paramLabel = "PREFIX",
			description = "Prefix of the ids of the devices the scenarios register (default: atk-<random>-).")
	private String idPrefix;

	@Option(names = "--resource-server", paramLabel = "URL", defaultValue = "https://localhost:8444",
			description = { "Base URL of the resource server (resource-sample) the token scenarios use stolen and "
					+ "dead tokens at (default: ${DEFAULT-VALUE}); its TLS certificate must chain to --ca-file.",
					"Scenarios that need it are skipped when it does not answer." })
	private URI resourceServer;

	@Override
	public Integer call() {
		List<AttackScenario> scenarios = scenarios();
		String prefix = (this.idPrefix != null) ? this.idPrefix : "atk-" + FleetCreateCommand.randomSuffix() + "-";
		if (!DeviceRecord.ID.matcher(prefix + "x").matches()) {
			throw new ParameterException(this.spec.commandLine(), "--id-prefix must be letters, digits and ._:-");
		}
		PrintWriter err = this.spec.commandLine().getErr();
		HttpTransport http = this.server.httpTransport(isVerbose() ? err : null);
		AuthorizationServerMetadata metadata = ServerMetadata.discover(this.server.server(), http);
		AdminClient admin = this.adminOptions.adminClient(http, metadata);
		admin.accessToken(); // fail early, with one clear line, when the admin credentials are wrong
		if (!"https".equalsIgnoreCase(this.resourceServer.getScheme()) || this.resourceServer.getHost() == null) {
			throw new ParameterException(this.spec.commandLine(), "--resource-server must be an https URL: "
					+ this.resourceServer);
		}
		TlsClients tls = new TlsClients(this.server.caFile(), this.server.timeout());
		AttackContext context = new AttackContext(metadata, http, admin, this.adminOptions.credentials(), prefix,
				Clock.systemUTC(), tls, new ResourceServer(this.resourceServer, tls));
		List<ScenarioResult> results = new ArrayList<>();
		for (AttackScenario attack : scenarios) {
			results.add(run(attack, context));
		}
		print(results);
		Outcome worst = results.stream().map(ScenarioResult::outcome).reduce(Outcome.REFUSED, Outcome::worst);
		return switch (worst) {
			case REFUSED, SKIPPED -> ExitCodes.OK;
			case ERROR -> ExitCodes.SOFTWARE;
			case GOT_THROUGH -> ExitCodes.GOT_THROUGH;
		};
	}

	private static ScenarioResult run(AttackScenario attack, AttackContext context) {
		try {
			return attack.run(context);
		}
		catch (SimException ex) {
			return ScenarioResult.error(attack.name(), attack.expected(), OneLineErrorHandler.oneLine(ex.getMessage()));
		}
		catch (RuntimeException ex) {
			return ScenarioResult.error(attack.name(), attack.expected(),
					"internal error: " + ex.getClass().getSimpleName() + ": " + OneLineErrorHandler.oneLine(ex.getMessage()));
		}
	}

	private List<AttackScenario> scenarios() {
		if (this.scenario.equals("all")) {
			return AttackScenarios.all();
		}
		return List.of(AttackScenarios.find(this.scenario)
			.orElseThrow(() -> new ParameterException(this.spec.commandLine(), "unknown scenario '" + this.scenario
					+ "' (expected one of " + String.join(", ", AttackScenarios.names()) + ", or all)")));
	}

	private void print(List<ScenarioResult> results) {
		PrintWriter out = this.spec.commandLine().getOut();
		long refused = results.stream().filter((r) -> r.outcome() == Outcome.REFUSED).count();
		long through = results.stream().filter((r) -> r.outcome() == Outcome.GOT_THROUGH).count();
		long skipped = results.stream().filter((r) -> r.outcome() == Outcome.SKIPPED).count();
		long errors = results.size() - refused - through - skipped;
		if (this.server.json()) {
			ObjectNode json = JsonOutput.object();
			json.put("server", this.server.server().toString());
			ArrayNode array = json.putArray("results");
			for (ScenarioResult result : results) {
				array.addObject()
					.put("name", result.name())
					.put("outcome", result.outcome().value())
					.put("expected", result.expected())
					.put("observed", result.observed());
			}
			json.put("resource_server", this.resourceServer.toString());
			json.put("refused", refused).put("got_through", through).put("error", errors).put("skipped", skipped);
			out.println(JsonOutput.compact(json));
		}
		else {
			for (ScenarioResult result : results) {
				out.printf(Locale.ROOT, "%-12s %-20s expected: %s%n%-33s observed: %s%n",
						result.outcome().value().toUpperCase(Locale.ROOT), result.name(), result.expected(), "",
						result.observed());
			}
			out.printf(Locale.ROOT, "%d attacks: %d refused, %d got through, %d errors%s%n", results.size(), refused,
					through, errors, (skipped > 0) ? ", " + skipped + " skipped (no resource server)" : "");
		}
		out.flush();
	}

	private boolean isVerbose() {
		return this.spec.root().userObject() instanceof KeyfleetSim sim && sim.isVerbose();
	}

	/** picocli: the scenario names for help and completion. */
	static final class ScenarioNames implements Iterable<String> {

		@Override
		public Iterator<String> iterator() {
			return AttackScenarios.names().iterator();
		}

	}

}
