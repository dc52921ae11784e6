package io.keyfleet.sim;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import io.keyfleet.sim.fleet.DeviceRecord;
import io.keyfleet.sim.fleet.FleetStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code keyfleet-sim fleet list}: the devices of the local fleet, without their keys or
 * secrets.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
		description = "List the devices of the local fleet (ids, methods; never keys or secrets).",
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { ExitCodes.OK_LINE, ExitCodes.SOFTWARE_LINE, ExitCodes.USAGE_LINE })
final class FleetListCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Mixin
	private FleetOptions fleet;

	@Mixin
	private OutputOptions output;

	@Override
	public Integer call() {
		FleetStore store = this.fleet.store();
		FleetStore.FleetBinding binding = store.binding();
		Map<String, Integer> byMethod = new TreeMap<>();
		ObjectNode result = JsonOutput.object();
		result.put("fleet_dir", store.directory().toString());
		result.put("server", (binding != null) ? binding.issuer().toString() : null);
		ArrayNode devices = result.putArray("devices");
		for (DeviceRecord device : store.loadAll()) {
			byMethod.merge(device.method().value(), 1, Integer::sum);
			ObjectNode item = devices.addObject();
			item.put("id", device.id());
			item.put("token_endpoint_auth_method", device.method().value());
			item.put("model", device.model());
		}
		result.set("by_method", JsonOutput.tree(byMethod));
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.output.json()) {
			out.println(JsonOutput.compact(result));
		}
		else {
			out.println("Fleet " + store.directory() + ((binding != null) ? " at " + binding.issuer() : "") + ": "
					+ devices.size() + " devices " + byMethod);
			devices.values().forEach((item) -> out.println("  " + item.get("id").asString() + "  "
					+ item.get("token_endpoint_auth_method").asString() + "  " + item.get("model").asString()));
		}
		out.flush();
		return ExitCodes.OK;
	}

}
