package io.keyfleet.sim.attest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.keyfleet.sim.JsonOutput;
import io.keyfleet.sim.OwnerOnlyFiles;
import io.keyfleet.sim.SimException;
import io.keyfleet.sim.fleet.DeviceRecord;
import io.keyfleet.sim.fleet.FleetStore;

/**
 * The attestation side of a local fleet, next to the devices' client credentials and with
 * the same owner-only permissions, since it holds private keys:
 *
 * <pre>
 * &lt;fleet dir&gt;/attestation/        rwx------
 *   &lt;device id&gt;.json              rw-------  {"id", "format", "kid", "private_key", "eat": {...}}
 * </pre>
 *
 * A device without a file here does not attest.
 */
public final class AttestationStore {

	private final Path directory;

	/**
	 * @param fleet the fleet whose devices attest
	 */
	public AttestationStore(FleetStore fleet) {
		this.directory = fleet.directory().resolve("attestation");
	}

	/**
	 * @param device the device to keep
	 */
	public void save(AttestingDevice device) {
		OwnerOnlyFiles.directory(this.directory.getParent());
		OwnerOnlyFiles.directory(this.directory);
		OwnerOnlyFiles.write(file(device.id()),
				(JsonOutput.pretty(device.toJson()) + "\n").getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * @param id a device id
	 * @return the device's attestation, or empty when it does not attest
	 */
	public Optional<AttestingDevice> find(String id) {
		Path file = file(id);
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try {
			return Optional.of(AttestingDevice.fromJson(JsonOutput.parse(Files.readString(file, StandardCharsets.UTF_8)),
					file.toString()));
		}
		catch (IOException ex) {
			throw new SimException("cannot read " + file + ": " + ex.getMessage(), ex);
		}
	}

	Path file(String id) {
		if (!DeviceRecord.ID.matcher(id).matches() || id.equals(".") || id.equals("..")) {
			throw new SimException("'" + id + "' is not a device id (" + DeviceRecord.ID.pattern() + ")");
		}
		return this.directory.resolve(id + ".json");
	}

}
