package io.keyfleet.sim.anomaly;

import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.keyfleet.sim.BouncyCastle;
import io.keyfleet.sim.ClientAuthMethod;
import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.Pem;
import io.keyfleet.sim.SimException;
import io.keyfleet.sim.admin.AdminClient;
import io.keyfleet.sim.attest.AttestationKey;
import io.keyfleet.sim.attest.EatDevice;
import io.keyfleet.sim.attest.EatDeviceSpec;
import io.keyfleet.sim.attest.EatRegistration;
import io.keyfleet.sim.attest.SimulatorPolicy;
import io.keyfleet.sim.attest.Ueid;
import io.keyfleet.sim.fleet.DeviceRecord;
import io.keyfleet.sim.fleet.DeviceTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Registers the devices that will misbehave, through the admin API, each for its
 * behaviour: {@code client_secret_basic} (so that wrong secrets can be tried and tokens
 * revoked with HTTP Basic), or for {@link Misbehaviour#attests() attesting} behaviours
 * {@code private_key_jwt} with a new EAT attestation key and UEID, healthy firmware 2.5.0,
 * and the {@link SimulatorPolicy} put for their model first (so that a run never changes
 * the policy of a model real devices use). Kept in memory only: each is used for one run.
 */
public final class DeviceRegistrar {

	private final AdminClient admin;

	private final Endpoints endpoints;

	private final Clock clock;

	private final Set<String> policies = ConcurrentHashMap.newKeySet();

	public DeviceRegistrar(AdminClient admin, Endpoints endpoints, Clock clock) {
		this.admin = admin;
		this.endpoints = endpoints;
		this.clock = clock;
	}

	/**
	 * @param id the device id
	 * @param behaviour what it will do
	 * @param model its model (for attesting devices: a model of the run's own)
	 * @param scopes its allowed scopes (revoked-token-replay needs {@code config:read})
	 * @return the registered device
	 */
	public FleetDevice register(String id, Misbehaviour behaviour, String model, List<String> scopes) {
		ClientAuthMethod method = behaviour.attests() ? ClientAuthMethod.PRIVATE_KEY_JWT
				: ClientAuthMethod.CLIENT_SECRET_BASIC;
		KeyPair clientKey = method.usesKey() ? EcKeys.generate(BouncyCastle.PROVIDER) : null;
		ObjectNode registration = new DeviceTemplate(method, model, scopes, DeviceTemplate.DEFAULT_RESOURCES)
			.registration(id, clientKey);
		EatDevice attestation = null;
		if (behaviour.attests()) {
			if (this.policies.add(model)) {
				this.admin.putAttestationPolicy(model, SimulatorPolicy.forModel(model));
			}
			KeyPair attestationKey = EcKeys.generate(BouncyCastle.PROVIDER);
			attestation = new EatDevice(id, EatDevice.EAT, AttestationKey.of(attestationKey),
					EatDeviceSpec.healthy(model).profile(Ueid.random()));
			registration.set("attestation", EatRegistration.attestation(attestation, attestationKey));
		}
		JsonNode stored = this.admin.registerDevice(registration);
		String secret = stored.path("client_secret").asString(null);
		if (method.usesSecret() && secret == null) {
			throw new SimException("the admin API returned no client_secret for " + id);
		}
		DeviceRecord record = new DeviceRecord(id, method, model,
				(clientKey != null) ? DeviceTemplate.publicJwk(clientKey).getKeyID() : null,
				(clientKey != null) ? Pem.encodePrivateKey(clientKey.getPrivate()) : null, secret, scopes,
				DeviceTemplate.DEFAULT_RESOURCES, this.clock.instant());
		return new FleetDevice(record, attestation, this.endpoints);
	}

}
