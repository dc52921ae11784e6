package io.keyfleet.auth.events;

import java.time.Clock;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.store.StateStore;
import io.keyfleet.auth.support.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log as the events stream's source, one test per audited type that the
 * end-to-end tests do not reach (EST, just-in-time registration, refused evidence,
 * signing keys, device key changes), against the real Redis.
 */
class AuditLogEventsTests {

	private final StateStore store = TestRedis.stateStore("audit-events");

	private final AuditLog audit = new AuditLog(
			new EventStream(this.store, true, 1000, new SimpleMeterRegistry(), Clock.systemUTC()));

	@Test
	void enrollmentThenEstEnrolledEvent() {
		this.audit.enrollment("dev-1", "simplereenroll", "operational-certificate", "1a2b", "127.0.0.2");

		assertThat(await("est.enrolled")).containsEntry("client", "dev-1")
			.containsEntry("kind", "device")
			.containsEntry("operation", "simplereenroll")
			.containsEntry("authentication", "operational-certificate")
			.containsEntry("serial", "1a2b")
			.containsEntry("address", "127.0.0.2");
	}

	@Test
	void registeredJustInTimeThenLifecycleEventWithoutFrom() {
		this.audit.registeredJustInTime("dev-2", "acme-edge", "pending", "token", "127.0.0.1");

		assertThat(await("lifecycle")).containsEntry("client", "dev-2")
			.containsEntry("to", "pending")
			.containsEntry("actor", "provisioning")
			.containsEntry("reason", "registered")
			.containsEntry("group", "acme-edge")
			.doesNotContainKey("from");
	}

	@Test
	void attestationWhenRefusedThenOutcomeIsTheReasonAndNoEvidenceFingerprint() {
		this.audit.attestation("dev-3", "KF-1", "eat", "contraindicated", "signature_invalid", null, "ab".repeat(32));

		assertThat(await("attestation")).containsEntry("outcome", "signature_invalid")
			.containsEntry("model", "KF-1")
			.containsEntry("policy_fingerprint", "ab".repeat(32))
			.doesNotContainKey("evidence_fingerprint");
	}

	@Test
	void signingKeyThenAdminEvent() {
		this.audit.signingKey("rotate", "fleet-admin", "kid-1", "ok");

		assertThat(await("admin")).containsEntry("action", "signing-key-rotate")
			.containsEntry("actor", "fleet-admin")
			.containsEntry("target", "kid-1")
			.containsEntry("outcome", "ok");
	}

	@Test
	void deviceKeysThenDeviceKeysEvent() {
		this.audit.deviceKeys("dev-4", "retire", "k1", "ok", "127.0.0.1");

		assertThat(await("device.keys")).containsEntry("client", "dev-4")
			.containsEntry("kind", "device")
			.containsEntry("action", "retire")
			.containsEntry("kid", "k1")
			.containsEntry("address", "127.0.0.1");
	}

	@Test
	void refusedWhenNotAtTheTokenEndpointThenNoEvent() {
		this.audit.refused("introspect", "svc-1", "invalid_client", "127.0.0.1", null);
		this.audit.refused("token", "svc-1", "invalid_client", "127.0.0.1", "client_secret_basic");

		await("token.refused");
		assertThat(StreamEntries.all(this.store.key("events"))).hasSize(1);
	}

	private Map<String, String> await(String type) {
		return StreamEntries.await(this.store.key("events"), (entry) -> type.equals(entry.get("type")));
	}

}
