package io.keyfleet.auth.provisioning;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

import io.keyfleet.auth.client.ClientStatus;

/**
 * An enrollment group's approval mode (CONTRACT "Provisioning"): the status a device
 * registered just in time starts in.
 */
public enum Approval {

	/** Registered {@code active}: the registering request itself succeeds. */
	AUTO("auto", ClientStatus.ACTIVE),

	/** Registered {@code pending} until an admin approves it. */
	MANUAL("manual", ClientStatus.PENDING);

	private final String wireName;

	private final ClientStatus initialStatus;

	Approval(String wireName, ClientStatus initialStatus) {
		this.wireName = wireName;
		this.initialStatus = initialStatus;
	}

	@JsonValue
	public String wireName() {
		return this.wireName;
	}

	public ClientStatus initialStatus() {
		return this.initialStatus;
	}

	public static Optional<Approval> fromWireName(String name) {
		return Arrays.stream(values()).filter(a -> a.wireName.equals(name)).findFirst();
	}

}
