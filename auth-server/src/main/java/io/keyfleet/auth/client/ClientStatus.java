package io.keyfleet.auth.client;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A client's standing (CONTRACT "Provisioning, lifecycle and anomalies"):
 * {@code pending → active ⇄ suspended → retired}, plus {@code quarantined}. Only
 * {@code active} clients get tokens.
 */
public enum ClientStatus {

	PENDING("pending"), ACTIVE("active"), SUSPENDED("suspended"), QUARANTINED("quarantined"), RETIRED("retired");

	private final String wireName;

	ClientStatus(String wireName) {
		this.wireName = wireName;
	}

	@JsonValue
	public String wireName() {
		return this.wireName;
	}

	public boolean mayGetTokens() {
		return this == ACTIVE;
	}

}
