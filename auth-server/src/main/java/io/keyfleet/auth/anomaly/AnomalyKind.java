package io.keyfleet.auth.anomaly;

import java.util.Arrays;
import java.util.Optional;

/**
 * The anomaly kinds of CONTRACT "Provisioning, lifecycle and anomalies"; their exact
 * rules are in docs/contract-as-built.md "Anomalies" and {@code scripts/anomaly-observe.lua}.
 */
public enum AnomalyKind {

	/** Tokens in the rate window far above the client's own EWMA baseline. */
	TOKEN_RATE("token_rate"),

	/** A never-seen address for a client whose last tokens all came from one address. */
	NEW_SOURCE("new_source"),

	/** The identity used from two addresses interleaved (X..Y..X) within the clone window. */
	CLONE("clone"),

	/** A burst of {@code invalid_client} refusals for one claimed client id. */
	AUTH_FAILURES("auth_failures"),

	/** A revoked or killed token presented at a resource server. */
	REVOKED_TOKEN_USE("revoked_token_use"),

	/** Measurements changed, or the outcome turned contraindicated, under an unchanged policy. */
	ATTESTATION_CHANGE("attestation_change");

	private final String wireName;

	AnomalyKind(String wireName) {
		this.wireName = wireName;
	}

	public String wireName() {
		return this.wireName;
	}

	public static Optional<AnomalyKind> fromWireName(String name) {
		return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
	}

}
