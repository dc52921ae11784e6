package io.keyfleet.sim.fleet;

import tools.jackson.databind.node.ObjectNode;

/**
 * Adds to the devices a {@link FleetCreator} registers (e.g. their {@code attestation}
 * object) and keeps what it added for the devices the server accepted, so that concerns
 * beyond the client credential stay out of the creator.
 */
public interface RegistrationExtension {

	/** Adds nothing. */
	RegistrationExtension NONE = new RegistrationExtension() {

		@Override
		public void extend(String id, ObjectNode registration) {
		}

		@Override
		public void keep(String id) {
		}

	};

	/**
	 * Called once per device, before it is sent (from several threads for an import).
	 * @param id the device id
	 * @param registration its registration JSON, to add to
	 */
	void extend(String id, ObjectNode registration);

	/**
	 * Called for each device the server registered, after its record was stored.
	 * @param id the device id
	 */
	void keep(String id);

}
