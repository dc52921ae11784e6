package io.keyfleet.auth.audit;

import io.keyfleet.auth.events.EventStream;

/**
 * The events-stream side of {@link AuditLog}: each audited action as the entry of its
 * type (docs/contract-as-built.md "Events stream"), values as they are — an entry is not
 * a log line — and never a secret.
 */
final class AuditEvents {

	private final EventStream events;

	AuditEvents(EventStream events) {
		this.events = events;
	}

	void admin(String action, String actor, String target, String outcome) {
		this.events.event("admin")
			.with("action", action)
			.with("actor", actor)
			.with("target", target)
			.with("outcome", outcome)
			.append();
	}

	void tokenRefused(String client, String address, String error, String authMethod) {
		this.events.event("token.refused")
			.with("client", client)
			.with("address", address)
			.with("error", error)
			.with("auth_method", authMethod)
			.append();
	}

	void lifecycle(String client, String kind, String from, String to, String actor, String reason) {
		this.events.event("lifecycle")
			.with("client", client)
			.with("kind", kind)
			.with("from", from)
			.with("to", to)
			.with("actor", actor)
			.with("reason", reason)
			.append();
	}

	/** A device's first status, given by an enrollment group: no {@code from}. */
	void registered(String device, String status, String group, String via, String address) {
		this.events.event("lifecycle")
			.with("client", device)
			.with("kind", "device")
			.with("address", address)
			.with("to", status)
			.with("actor", "provisioning")
			.with("reason", "registered")
			.with("group", group)
			.with("via", via)
			.append();
	}

	void enrolled(String device, String operation, String authentication, String serial, String address) {
		this.events.event("est.enrolled")
			.with("client", device)
			.with("kind", "device")
			.with("address", address)
			.with("operation", operation)
			.with("authentication", authentication)
			.with("serial", serial)
			.append();
	}

	/** @param outcome the status, or for refused evidence the reason */
	void attestation(String device, String model, String format, String outcome, String evidenceFingerprint,
			String policyFingerprint) {
		this.events.event("attestation")
			.with("client", device)
			.with("kind", "device")
			.with("format", format)
			.with("outcome", outcome)
			.with("model", model)
			.with("evidence_fingerprint", evidenceFingerprint)
			.with("policy_fingerprint", policyFingerprint)
			.append();
	}

	/** A device's self-service key change (RFC 7592 client configuration endpoint). */
	void deviceKeys(String device, String action, String kid, String outcome, String address) {
		this.events.event("device.keys")
			.with("client", device)
			.with("kind", "device")
			.with("address", address)
			.with("action", action)
			.with("kid", kid)
			.with("outcome", outcome)
			.append();
	}

}
