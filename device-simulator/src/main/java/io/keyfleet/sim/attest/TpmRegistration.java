package io.keyfleet.sim.attest;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.keyfleet.sim.OwnerOnlyFiles;
import io.keyfleet.sim.fleet.RegistrationExtension;
import tools.jackson.databind.node.ObjectNode;

/**
 * Registers devices as attesting with TPM 2.0 quotes: manufactures a software TPM per device
 * in the fleet directory (owner-only), makes its attestation key, and adds to the
 * registration {@code attestation: {"required": true, "formats": ["tpm2-quote"],
 * "tpm_ak": <PEM>}} (CONTRACT "Admin API"); keeps the device in the
 * {@link AttestationStore} once the server registered it. About a second per device: meant
 * for small fleets.
 */
public final class TpmRegistration implements RegistrationExtension {

	private final AttestationStore store;

	private final boolean secureBoot;

	private final Set<String> tampered;

	private final Map<String, TpmDevice> pending = new ConcurrentHashMap<>();

	public TpmRegistration(AttestationStore store, boolean secureBoot, Set<String> tampered) {
		this.store = store;
		this.secureBoot = secureBoot;
		this.tampered = Set.copyOf(tampered);
	}

	/**
	 * @return whether this machine can simulate TPMs (swtpm and tpm2-tools on the PATH)
	 */
	public static boolean available() {
		return SoftwareTpm.available();
	}

	@Override
	public void extend(String id, ObjectNode registration) {
		Path directory = this.store.tpmDirectory(id);
		OwnerOnlyFiles.directory(directory.getParent().getParent());
		OwnerOnlyFiles.directory(directory.getParent());
		OwnerOnlyFiles.directory(directory);
		String attestationKey = SoftwareTpm.provision(directory);
		ObjectNode attestation = registration.putObject("attestation");
		attestation.put("required", true);
		attestation.putArray("formats").add(TpmDevice.FORMAT);
		attestation.put("tpm_ak", attestationKey);
		this.pending.put(id, new TpmDevice(id, directory, this.secureBoot, this.tampered));
	}

	@Override
	public void keep(String id) {
		TpmDevice device = this.pending.remove(id);
		if (device != null) {
			this.store.save(device);
		}
	}

}
