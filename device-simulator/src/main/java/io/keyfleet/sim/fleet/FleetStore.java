package io.keyfleet.sim.fleet;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.keyfleet.sim.JsonOutput;
import io.keyfleet.sim.OwnerOnlyFiles;
import io.keyfleet.sim.SimException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local fleet on disk: the devices the simulator registered, with their private keys and
 * secrets, readable by their owner only.
 *
 * <pre>
 * &lt;fleet dir&gt;/                 rwx------  (default .keyfleet-sim/fleet, or $KEYFLEET_SIM_FLEET_DIR)
 *   fleet.json                 rw-------  {"issuer": ..., "ca_file": ...}: the server the fleet is registered at
 *   devices/                   rwx------
 *     &lt;device id&gt;.json        rw-------  one {@link DeviceRecord} per device
 * </pre>
 *
 * A fleet belongs to one server: its devices exist only there.
 */
public final class FleetStore {

	/** Overrides the default fleet directory. */
	public static final String ENV_VARIABLE = "KEYFLEET_SIM_FLEET_DIR";

	/** The fleet directory when neither an option nor {@link #ENV_VARIABLE} names one. */
	public static final Path DEFAULT_DIRECTORY = Path.of(".keyfleet-sim", "fleet");

	private static final String SUFFIX = ".json";

	private final Path directory;

	public FleetStore(Path directory) {
		this.directory = directory;
	}

	/**
	 * @param option the {@code --fleet-dir} option, or {@code null}
	 * @param environment the process environment
	 * @return the option, else {@code $KEYFLEET_SIM_FLEET_DIR}, else {@link #DEFAULT_DIRECTORY}
	 */
	public static Path resolve(Path option, Map<String, String> environment) {
		if (option != null) {
			return option;
		}
		String value = environment.get(ENV_VARIABLE);
		return (value == null || value.isBlank()) ? DEFAULT_DIRECTORY : Path.of(value);
	}

	public Path directory() {
		return this.directory;
	}

	/**
	 * Binds the fleet to a server on first use; afterwards checks that it is the same one.
	 * @param issuer the server's issuer identifier
	 * @param caFile the CA file that was used to reach it
	 * @throws SimException when the fleet belongs to another server
	 */
	public void bind(URI issuer, Path caFile) {
		FleetBinding existing = binding();
		if (existing != null) {
			if (!existing.issuer().equals(issuer)) {
				throw new SimException("the fleet in " + this.directory + " belongs to " + existing.issuer() + ", not "
						+ issuer + "; use another --fleet-dir");
			}
			return;
		}
		ObjectNode json = JsonOutput.object();
		json.put("issuer", issuer.toString());
		json.put("ca_file", caFile.toAbsolutePath().normalize().toString());
		ensureDirectories();
		OwnerOnlyFiles.write(this.directory.resolve("fleet.json"), bytes(json));
	}

	/**
	 * @return the server this fleet belongs to, or {@code null} when nothing was stored yet
	 */
	public FleetBinding binding() {
		Path file = this.directory.resolve("fleet.json");
		if (!Files.isRegularFile(file)) {
			return null;
		}
		JsonNode json = read(file);
		if (json.get("issuer") == null) {
			throw new SimException(file + " names no issuer");
		}
		JsonNode caFile = json.get("ca_file");
		return new FleetBinding(URI.create(json.get("issuer").asString()),
				(caFile != null) ? Path.of(caFile.asString()) : null);
	}

	/**
	 * Stores a device, replacing an earlier record with its id.
	 * @param device the device
	 */
	public void save(DeviceRecord device) {
		ensureDirectories();
		OwnerOnlyFiles.write(deviceFile(device.id()), bytes(device.toJson()));
	}

	/**
	 * @param id a device id
	 * @return the device
	 * @throws SimException when the fleet has no such device
	 */
	public DeviceRecord load(String id) {
		if (!DeviceRecord.ID.matcher(id).matches() || id.equals(".") || id.equals("..")) {
			throw new SimException("'" + id + "' is not a device id (" + DeviceRecord.ID.pattern() + ")");
		}
		Path file = deviceFile(id);
		if (!Files.isRegularFile(file)) {
			throw new SimException("device " + id + " is not in the fleet at " + this.directory
					+ " (create it with 'fleet create', or pass --fleet-dir)");
		}
		return DeviceRecord.fromJson(read(file), file.toString());
	}

	/**
	 * @param id a device id
	 * @return whether the fleet has a device with this id
	 */
	public boolean contains(String id) {
		return DeviceRecord.ID.matcher(id).matches() && !id.equals(".") && !id.equals("..")
				&& Files.isRegularFile(deviceFile(id));
	}

	/**
	 * @return every device of the fleet, sorted by id; none when the fleet does not exist
	 */
	public List<DeviceRecord> loadAll() {
		List<DeviceRecord> devices = new ArrayList<>();
		for (String id : ids()) {
			devices.add(load(id));
		}
		return devices;
	}

	/**
	 * @return the ids of the fleet's devices, sorted
	 */
	public List<String> ids() {
		Path devices = this.directory.resolve("devices");
		if (!Files.isDirectory(devices)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(devices)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(SUFFIX) && !name.startsWith("."))
				.map((name) -> name.substring(0, name.length() - SUFFIX.length()))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new SimException("cannot list the fleet in " + devices + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * A file kept with a device's record, e.g. its client certificate: same directory and
	 * permissions, {@code <id><suffix>}. Not a device record, so not listed by {@link #ids()}.
	 * @param id a device id
	 * @param suffix e.g. {@code .tls-cert.pem}, never {@code .json}
	 * @return the file (the devices directory exists, owner-only)
	 */
	public Path sidecar(String id, String suffix) {
		if (!DeviceRecord.ID.matcher(id).matches() || suffix.endsWith(SUFFIX)) {
			throw new IllegalArgumentException("no sidecar " + suffix + " for '" + id + "'");
		}
		ensureDirectories();
		return this.directory.resolve("devices").resolve(id + suffix);
	}

	private Path deviceFile(String id) {
		return this.directory.resolve("devices").resolve(id + SUFFIX);
	}

	private void ensureDirectories() {
		OwnerOnlyFiles.directory(this.directory);
		OwnerOnlyFiles.directory(this.directory.resolve("devices"));
	}

	private static JsonNode read(Path file) {
		try {
			return JsonOutput.parse(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (NoSuchFileException ex) {
			throw new SimException(file + " not found", ex);
		}
		catch (IOException ex) {
			throw new SimException("cannot read " + file + ": " + ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			throw new SimException(file + " is not JSON: " + ex.getMessage(), ex);
		}
	}

	private static byte[] bytes(JsonNode json) {
		return (JsonOutput.pretty(json) + "\n").getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The server a fleet is registered at.
	 *
	 * @param issuer its issuer identifier
	 * @param caFile the CA file used to reach it, or {@code null}
	 */
	public record FleetBinding(URI issuer, Path caFile) {
	}

}
