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
import tools.jackson.databind.JsonNode;

/**
 * The attestation side of a local fleet, next to the devices' client credentials and with
 * the same owner-only permissions, since it holds private keys:
 *
 * <pre>
 * &lt;fleet dir&gt;/attestation/        rwx------
 *   &lt;device id&gt;.json              rw-------  eat: {"id", "format", "kid", "private_key", "eat": {...}}
 *                                           tpm2-quote: {"id", "format", "tpm_directory", ...}
 *   &lt;device id&gt;.tpm/               rwx------  tpm2-quote: the device's software TPM
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
	public void save(EatDevice device) {
		write(device.id(), device.toJson());
	}

	/**
	 * @param device the TPM device to keep
	 */
	public void save(TpmDevice device) {
		write(device.id(), device.toJson(this.directory));
	}

	/**
	 * @param id a device id
	 * @return the device's Attester, whatever its format, or empty when it does not attest
	 */
	public Optional<Attester> attester(String id) {
		return read(id).map((json) -> TpmDevice.FORMAT.equals(json.path("format").asString(null))
				? TpmDevice.fromJson(json, this.directory).attester()
				: EatDevice.fromJson(json, file(id).toString()).attester());
	}

	/**
	 * @param id a device id
	 * @return where its software TPM lives
	 */
	Path tpmDirectory(String id) {
		file(id); // checks the id
		return this.directory.resolve(id + ".tpm");
	}

	private void write(String id, JsonNode json) {
		OwnerOnlyFiles.directory(this.directory.getParent());
		OwnerOnlyFiles.directory(this.directory);
		OwnerOnlyFiles.write(file(id), (JsonOutput.pretty(json) + "\n").getBytes(StandardCharsets.UTF_8));
	}

	private Optional<JsonNode> read(String id) {
		Path file = file(id);
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try {
			return Optional.of(JsonOutput.parse(Files.readString(file, StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			throw new SimException("cannot read " + file + ": " + ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			throw new SimException(file + " is not JSON: " + ex.getMessage(), ex);
		}
	}

	Path file(String id) {
		if (!DeviceRecord.ID.matcher(id).matches() || id.equals(".") || id.equals("..")) {
			throw new SimException("'" + id + "' is not a device id (" + DeviceRecord.ID.pattern() + ")");
		}
		return this.directory.resolve(id + ".json");
	}

}
