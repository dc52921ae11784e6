package io.keyfleet.sim.attack;

import io.keyfleet.sim.attest.EatDevice;

/**
 * A device an attestation attack registered for itself: its client credential and its
 * attestation (key, UEID, reported state).
 *
 * @param client the client credential
 * @param attestation what its evidence is made of
 */
record AttestedDevice(AttackDevice client, EatDevice attestation) {

	String id() {
		return this.client.id();
	}

}
