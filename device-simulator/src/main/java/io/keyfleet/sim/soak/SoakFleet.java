package io.keyfleet.sim.soak;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.keyfleet.sim.ClientAuthMethod;
import io.keyfleet.sim.SimException;
import io.keyfleet.sim.admin.AdminClient;
import io.keyfleet.sim.anomaly.DeviceRegistrar;
import io.keyfleet.sim.anomaly.Endpoints;
import io.keyfleet.sim.anomaly.FleetDevice;
import io.keyfleet.sim.anomaly.Misbehaviour;
import io.keyfleet.sim.fleet.DeviceTemplate;
import io.keyfleet.sim.fleet.FleetCreator;
import io.keyfleet.sim.fleet.FleetStore;

/**
 * The devices of a soak: the normal ones, {@code <prefix>-<number>} in the local fleet,
 * created on first use ({@code client_secret_basic}, the default model, scopes and
 * resources, through {@link FleetCreator}) and reused after; and the misbehaving ones,
 * registered afresh for every run ({@link DeviceRegistrar}), as
 * {@code <run>-<behaviour>-<number>}, so that no baseline or quarantine of an earlier run
 * carries over.
 */
public final class SoakFleet {

	private final AdminClient admin;

	private final Endpoints endpoints;

	private final Clock clock;

	public SoakFleet(AdminClient admin, Endpoints endpoints, Clock clock) {
		this.admin = admin;
		this.endpoints = endpoints;
		this.clock = clock;
	}

	/**
	 * @param store the local fleet, bound to the server already
	 * @param prefix the ids' prefix
	 * @param count how many
	 * @return the normal devices, those missing from the fleet registered first
	 * @throws SimException when the server refused some
	 */
	public List<FleetDevice> normal(FleetStore store, String prefix, int count) {
		int width = Math.max(5, String.valueOf(count).length());
		List<String> ids = new ArrayList<>(count);
		for (int i = 1; i <= count; i++) {
			ids.add(String.format(Locale.ROOT, "%s-%0" + width + "d", prefix, i));
		}
		List<String> missing = ids.stream().filter((id) -> !store.contains(id)).toList();
		if (!missing.isEmpty()) {
			FleetCreator.Report created = new FleetCreator(this.admin, store,
					new DeviceTemplate(ClientAuthMethod.CLIENT_SECRET_BASIC, DeviceTemplate.DEFAULT_MODEL,
							DeviceTemplate.DEFAULT_SCOPES, DeviceTemplate.DEFAULT_RESOURCES),
					this.clock)
				.create(missing);
			if (!created.failed().isEmpty()) {
				FleetCreator.Failure first = created.failed().get(0);
				throw new SimException("the server refused " + created.failed().size() + " of the soak's devices, e.g. "
						+ first.id() + ": HTTP " + first.status() + " " + first.detail());
			}
		}
		return ids.parallelStream().map((id) -> new FleetDevice(store.load(id), null, this.endpoints)).toList();
	}

	/**
	 * @param plan the behaviours and how many devices of each
	 * @param run the run's prefix, unique
	 * @return the misbehaving devices, each with its behaviour, in the plan's order
	 */
	public Map<FleetDevice, Misbehaviour> misbehaving(SoakPlan plan, String run) {
		DeviceRegistrar registrar = new DeviceRegistrar(this.admin, this.endpoints, this.clock);
		Map<FleetDevice, Misbehaviour> devices = new LinkedHashMap<>();
		for (Misbehaviour behaviour : plan.behaviours()) {
			for (int i = 1; i <= plan.misbehavingPerKind(); i++) {
				String id = String.format(Locale.ROOT, "%s-%s-%02d", run, behaviour.name(), i);
				devices.put(registrar.register(id, behaviour, run + "-" + DeviceTemplate.DEFAULT_MODEL,
						DeviceTemplate.DEFAULT_SCOPES), behaviour);
			}
		}
		return devices;
	}

}
