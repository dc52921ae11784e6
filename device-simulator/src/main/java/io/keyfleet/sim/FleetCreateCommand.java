package io.keyfleet.sim;

import java.io.PrintWriter;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import io.keyfleet.sim.attest.AttestationOptions;
import io.keyfleet.sim.fleet.DeviceRecord;
import io.keyfleet.sim.fleet.DeviceTemplate;
import io.keyfleet.sim.fleet.FleetCreator;
import io.keyfleet.sim.fleet.FleetStore;
import io.keyfleet.sim.fleet.RegistrationExtension;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code keyfleet-sim fleet create}: generates N devices' keys locally, registers them
 * through the admin API (NDJSON import in batches for N &gt; 1) and keeps them in the local
 * fleet directory (see {@link FleetCreator}, {@link FleetStore}).
 */
@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Create N devices: generate their keys locally (EC P-256), register them through the admin API "
				+ "(NDJSON bulk import, 1,000 lines per request) and keep them, with private keys and secrets, in the "
				+ "local fleet directory (owner-only permissions).",
				"Device ids are <id-prefix>-<number>. Keys and secrets are printed only with --show-secrets." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { ExitCodes.OK_LINE, "1:failure, or the server refused some devices (see \"failed\")",
				ExitCodes.USAGE_LINE, ExitCodes.OAUTH_ERROR_LINE + " (admin token)" })
final class FleetCreateCommand implements Callable<Integer> {

	private static final SecureRandom RANDOM = new SecureRandom();

	@Spec
	private CommandSpec spec;

	@Mixin
	private ServerOptions server;

	@Mixin
	private AdminOptions adminOptions;

	@Mixin
	private FleetOptions fleet;

	@Mixin
	private AttestationOptions attestation;

	@Option(names = "--devices", required = true, paramLabel = "N", description = "How many devices (1 to 1,000,000).")
	private int devices;

	@Option(names = "--auth", required = true, paramLabel = "METHOD", converter = ClientAuthMethod.Converter.class,
			completionCandidates = ClientAuthMethod.Names.class,
			description = "Token endpoint authentication method: ${COMPLETION-CANDIDATES}.")
	private ClientAuthMethod auth;

	@Option(names = "--model", paramLabel = "MODEL", defaultValue = DeviceTemplate.DEFAULT_MODEL,
			description = "Device model (default: ${DEFAULT-VALUE}).")
	private String model;

	@Option(names = "--scope", paramLabel = "SCOPE", split = "[ ,]",
			description = "Allowed scope; repeatable (default: telemetry:write config:read firmware:read).")
	private List<String> scopes = new ArrayList<>();

	@Option(names = "--resource", paramLabel = "URI",
			description = "Allowed resource (RFC 8707); repeatable (default: https://localhost:8444, resource-sample).")
	private List<URI> resources = new ArrayList<>();

	@Option(names = "--id-prefix", paramLabel = "PREFIX",
			description = "Device id prefix (default: dev-<6 random characters>, so that runs never collide).")
	private String idPrefix;

	@Option(names = "--batch-size", paramLabel = "LINES", defaultValue = "1000",
			description = "NDJSON lines per import request (default: ${DEFAULT-VALUE}).")
	private int batchSize;

	@Option(names = "--show-secrets", description = "Also print each device's private key or client secret.")
	private boolean showSecrets;

	@Override
	public Integer call() {
		validate();
		FleetStore store = this.fleet.store();
		Optional<RegistrationExtension> attesting = attestingDevices(store);
		PrintWriter err = this.spec.commandLine().getErr();
		HttpTransport http = this.server.httpTransport(isVerbose() ? err : null);
		AuthorizationServerMetadata metadata = ServerMetadata.discover(this.server.server(), http);
		store.bind(this.server.server(), this.server.caFile());
		DeviceTemplate template = new DeviceTemplate(this.auth, this.model,
				this.scopes.isEmpty() ? DeviceTemplate.DEFAULT_SCOPES : this.scopes,
				this.resources.isEmpty() ? DeviceTemplate.DEFAULT_RESOURCES
						: this.resources.stream().map(URI::toString).toList());
		FleetCreator creator = new FleetCreator(this.adminOptions.adminClient(http, metadata), store, template,
				Clock.systemUTC());
		creator.setBatchSize(this.batchSize);
		attesting.ifPresent(creator::setExtension);
		long started = System.nanoTime();
		FleetCreator.Report report = creator.create(ids());
		double seconds = (System.nanoTime() - started) / 1e9;
		print(report, store, seconds);
		return report.failed().isEmpty() ? ExitCodes.OK : ExitCodes.SOFTWARE;
	}

	private void print(FleetCreator.Report report, FleetStore store, double seconds) {
		ObjectNode result = JsonOutput.object();
		result.put("server", this.server.server().toString());
		result.put("fleet_dir", store.directory().toString());
		result.put("token_endpoint_auth_method", this.auth.value());
		result.put("model", this.model);
		if (this.attestation.format() != null) {
			result.put("attestation", this.attestation.format());
		}
		result.put("requested", this.devices);
		result.put("created", report.created().size());
		result.set("failed", JsonOutput.tree(report.failed()));
		result.put("seconds", Math.round(seconds * 1000) / 1000.0);
		ArrayNode ids = result.putArray("ids");
		report.created().forEach(ids::add);
		if (this.showSecrets) {
			ArrayNode credentials = result.putArray("credentials");
			for (String id : report.created()) {
				DeviceRecord device = store.load(id);
				ObjectNode credential = credentials.addObject().put("id", id);
				if (device.method().usesSecret()) {
					credential.put("client_secret", device.clientSecret());
				}
				else if (device.method().usesKey()) {
					credential.put("private_key", device.privateKeyPem());
				}
			}
		}
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.server.json()) {
			out.println(JsonOutput.compact(result));
		}
		else {
			out.printf("Created %d of %d devices (%s, model %s) at %s in %.1f s; fleet: %s%n", report.created().size(),
					this.devices, this.auth, this.model, this.server.server(), seconds, store.directory());
			report.failed().stream().limit(20).forEach((failure) -> out.println("  refused " + failure.id()
					+ ": HTTP " + failure.status() + " " + OneLineErrorHandler.oneLine(failure.detail())));
			if (this.showSecrets) {
				out.println(JsonOutput.pretty(result.get("credentials")));
			}
		}
		out.flush();
	}

	private Optional<RegistrationExtension> attestingDevices(FleetStore store) {
		try {
			return this.attestation.registration(this.model, store);
		}
		catch (IllegalArgumentException ex) {
			throw new ParameterException(this.spec.commandLine(), ex.getMessage());
		}
	}

	private List<String> ids() {
		String prefix = (this.idPrefix != null) ? this.idPrefix : "dev-" + randomSuffix();
		int width = Math.max(4, String.valueOf(this.devices).length());
		List<String> ids = new ArrayList<>(this.devices);
		for (int i = 1; i <= this.devices; i++) {
			ids.add(prefix + "-" + String.format("%0" + width + "d", i));
		}
		return ids;
	}

	private void validate() {
		if (this.devices < 1 || this.devices > 1_000_000) {
			throw new ParameterException(this.spec.commandLine(), "--devices must be between 1 and 1000000");
		}
		if (this.batchSize < 1 || this.batchSize > 10_000) {
			throw new ParameterException(this.spec.commandLine(), "--batch-size must be between 1 and 10000");
		}
		if (this.idPrefix != null && !DeviceRecord.ID.matcher(this.idPrefix + "-1234567").matches()) {
			throw new ParameterException(this.spec.commandLine(),
					"--id-prefix must be letters, digits and ._:- (ids match " + DeviceRecord.ID.pattern() + ")");
		}
	}

	static String randomSuffix() {
		String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
		StringBuilder suffix = new StringBuilder();
		for (int i = 0; i < 6; i++) {
			suffix.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
		}
		return suffix.toString();
	}

	private boolean isVerbose() {
		return this.spec.root().userObject() instanceof KeyfleetSim sim && sim.isVerbose();
	}

}
