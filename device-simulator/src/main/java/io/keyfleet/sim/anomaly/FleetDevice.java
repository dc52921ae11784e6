package io.keyfleet.sim.anomaly;

import java.net.InetAddress;

import io.keyfleet.sim.attest.EatDevice;
import io.keyfleet.sim.attest.EatProfile;
import io.keyfleet.sim.fleet.DeviceRecord;
import io.keyfleet.sim.load.SourcedClient;
import io.keyfleet.sim.load.TokenAnswer;

/**
 * A device of a soak or an anomaly scenario: its credential, and when it attests its EAT
 * state, which a {@link FirmwareChange} replaces. Its requests go out from a source
 * address of the caller's choice ({@link Sources}). Safe for concurrent use: the normal
 * schedule and a misbehaviour may use one device at once, as a real device and its clone do.
 */
public final class FleetDevice {

	private final Endpoints endpoints;

	private volatile EatDevice attestation;

	private volatile SourcedClient client;

	/**
	 * @param record the device and its credential
	 * @param attestation its EAT attestation, or {@code null} when it does not attest
	 * @param endpoints where it sends its requests
	 */
	public FleetDevice(DeviceRecord record, EatDevice attestation, Endpoints endpoints) {
		this.endpoints = endpoints;
		this.attestation = attestation;
		this.client = client(record, attestation);
	}

	public String id() {
		return this.client.id();
	}

	public DeviceRecord record() {
		return this.client.record();
	}

	public Endpoints endpoints() {
		return this.endpoints;
	}

	/**
	 * @return its attestation, or {@code null}
	 */
	public EatDevice attestation() {
		return this.attestation;
	}

	/**
	 * @param source where the request comes from
	 * @return the token endpoint's answer (with fresh evidence when the device attests)
	 */
	public TokenAnswer token(InetAddress source) {
		return this.client.token(source);
	}

	/**
	 * @return the client of this device, for revocation and resource calls
	 */
	public SourcedClient client() {
		return this.client;
	}

	/**
	 * From now on the device's evidence reports another state (its later tokens too).
	 * @param profile what its evidence reports
	 */
	public synchronized void report(EatProfile profile) {
		if (this.attestation == null) {
			throw new IllegalStateException("device " + id() + " does not attest");
		}
		EatDevice changed = new EatDevice(this.attestation.id(), this.attestation.format(), this.attestation.key(),
				profile);
		this.client = client(this.client.record(), changed);
		this.attestation = changed;
	}

	/**
	 * @param secret a client secret, right or wrong
	 * @return a client of the same device that authenticates with that secret
	 */
	public SourcedClient withSecret(String secret) {
		DeviceRecord record = record();
		return client(new DeviceRecord(record.id(), record.method(), record.model(), record.keyId(),
				record.privateKeyPem(), secret, record.scopes(), record.resources(), record.createdAt()), null);
	}

	private SourcedClient client(DeviceRecord record, EatDevice attestation) {
		return new SourcedClient(record, this.endpoints.tokenEndpoint(),
				(attestation != null) ? attestation.attester() : null, this.endpoints.challengeEndpoint(),
				this.endpoints.socketFactory(), this.endpoints.timeoutMillis());
	}

	@Override
	public String toString() {
		return "FleetDevice[" + id() + "]";
	}

}
