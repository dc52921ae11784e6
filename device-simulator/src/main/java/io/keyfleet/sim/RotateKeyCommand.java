package io.keyfleet.sim;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.keyfleet.sim.fleet.FleetStore;
import io.keyfleet.sim.rotation.KeyRotator;

/**
 * {@code keyfleet-sim rotate-key ID | --fleet}: a device replaces its own key through the
 * client configuration endpoint (RFC 7592): new key added with its proof, a token with the
 * new key, old key retired, then the stored key replaced (see {@link KeyRotator}). Devices
 * that authenticate otherwise are skipped: certificate devices renew their certificate
 * ({@code renew}), secret-based ones have no key.
 */
@Command(name = "rotate-key", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Rotate a private_key_jwt device's key through the auth-server's client configuration "
				+ "endpoint (RFC 7592): add a new key, get a token with it, retire the old one, then store it.",
				"An interrupted rotation resumes from the pending key kept beside the device (<id>.next-key.pem).",
				"Retiring the old key kills the device's earlier tokens." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { ExitCodes.OK_LINE, ExitCodes.SOFTWARE_LINE, ExitCodes.USAGE_LINE })
final class RotateKeyCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Mixin
	private ServerOptions server;

	@Mixin
	private FleetOptions fleet;

	@Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "A device of the local fleet.")
	private String deviceId;

	@Option(names = "--fleet", description = "Rotate every device of the local fleet (one after another).")
	private boolean all;

	@Override
	public Integer call() {
		if ((this.deviceId == null) == !this.all) {
			throw new ParameterException(this.spec.commandLine(), "give a device ID or --fleet, not both");
		}
		FleetStore store = this.fleet.store();
		this.server.defaultTo(store.binding());
		PrintWriter err = this.spec.commandLine().getErr();
		PrintWriter trace = (this.spec.root().userObject() instanceof KeyfleetSim sim && sim.isVerbose()) ? err : null;
		HttpTransport http = this.server.httpTransport(trace);
		AuthorizationServerMetadata metadata = ServerMetadata.discover(this.server.server(), http);
		KeyRotator rotator = new KeyRotator(store, http, new TokenClient(http, new ClientCredentialsFactory()), metadata);
		List<String> ids = this.all ? store.ids() : List.of(this.deviceId);
		List<KeyRotator.Result> results = new ArrayList<>();
		List<String[]> failures = new ArrayList<>();
		for (String id : ids) {
			try {
				results.add(rotator.rotate(id));
			}
			catch (SimException ex) {
				failures.add(new String[] { id, ex.getMessage() });
			}
		}
		print(results, failures);
		return failures.isEmpty() ? ExitCodes.OK : ExitCodes.SOFTWARE;
	}

	private void print(List<KeyRotator.Result> results, List<String[]> failures) {
		PrintWriter out = this.spec.commandLine().getOut();
		long rotated = results.stream().filter(r -> "rotated".equals(r.outcome())).count();
		if (!this.server.json()) {
			results.forEach(r -> out.println(r.id() + ": " + r.outcome() + (("rotated".equals(r.outcome()))
					? " " + r.oldKid() + " -> " + r.newKid() : " (" + r.detail() + ")")));
			failures.forEach(f -> out.println(f[0] + ": failed (" + f[1] + ")"));
			out.println(rotated + " rotated, " + (results.size() - rotated) + " skipped, " + failures.size() + " failed");
			out.flush();
			return;
		}
		ObjectNode json = JsonOutput.object();
		json.put("rotated", rotated);
		json.put("skipped", results.size() - rotated);
		ArrayNode devices = json.putArray("devices");
		for (KeyRotator.Result result : results) {
			ObjectNode device = devices.addObject();
			device.put("id", result.id());
			device.put("outcome", result.outcome());
			device.put("old_kid", result.oldKid());
			device.put("new_kid", result.newKid());
			device.put("detail", result.detail());
		}
		ArrayNode failed = json.putArray("failed");
		failures.forEach(f -> failed.addObject().put("id", f[0]).put("error", f[1]));
		out.println(JsonOutput.pretty(json));
		out.flush();
	}

}
