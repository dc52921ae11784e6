package io.keyfleet.auth.client;

import com.fasterxml.jackson.annotation.JsonValue;

/** Devices and service clients share one id namespace but are listed separately. */
public enum ClientKind {

	DEVICE("device"), SERVICE("service");

	private final String wireName;

	ClientKind(String wireName) {
		this.wireName = wireName;
	}

	@JsonValue
	public String wireName() {
		return this.wireName;
	}

}
