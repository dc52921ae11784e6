package io.keyfleet.sim.attest;

import java.security.KeyPair;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.keyfleet.sim.BouncyCastle;
import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.JsonOutput;
import io.keyfleet.sim.fleet.RegistrationExtension;
import tools.jackson.databind.node.ObjectNode;

/**
 * Registers devices as attesting with EAT: gives each a new attestation key (EC P-256, the
 * private key never leaves the machine) and UEID, adds to its registration the
 * {@code attestation} object of CONTRACT "Admin API" ({@code required: true},
 * {@code formats: ["eat"]}, {@code eat_key}, {@code ueid}), and keeps key and state in the
 * {@link AttestationStore} once the server registered the device. The server appraises
 * the device's evidence against its model's policy: RFC 9334 Section 3's Verifier with
 * the endorsement (the key) and identity (the UEID) registered here.
 */
public final class EatRegistration implements RegistrationExtension {

	private final EatDeviceSpec spec;

	private final AttestationStore store;

	private final Map<String, EatDevice> pending = new ConcurrentHashMap<>();

	public EatRegistration(EatDeviceSpec spec, AttestationStore store) {
		this.spec = spec;
		this.store = store;
	}

	@Override
	public void extend(String id, ObjectNode registration) {
		KeyPair keyPair = EcKeys.generate(BouncyCastle.PROVIDER);
		EatDevice device = new EatDevice(id, EatDevice.EAT, AttestationKey.of(keyPair),
				this.spec.profile(Ueid.random()));
		registration.set("attestation", attestation(device, keyPair));
		this.pending.put(id, device);
	}

	@Override
	public void keep(String id) {
		EatDevice device = this.pending.remove(id);
		if (device != null) {
			this.store.save(device);
		}
	}

	/**
	 * @param device the device
	 * @param keyPair its attestation key pair
	 * @return the registration's {@code attestation} object
	 */
	public static ObjectNode attestation(EatDevice device, KeyPair keyPair) {
		ObjectNode attestation = JsonOutput.object();
		attestation.put("required", true);
		attestation.putArray("formats").add(device.format());
		attestation.set("eat_key", JsonOutput.tree(AttestationKey.publicJwk(keyPair).toJSONObject()));
		attestation.put("ueid", device.profile().ueid());
		return attestation;
	}

}
