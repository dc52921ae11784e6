package io.keyfleet.auth.anomaly;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stream events as the agreed schema has them (docs/contract-as-built.md "Events"), built
 * fluently: {@code TestEvents.issued("dev-1", ts).address("10.0.0.1")}.
 */
final class TestEvents {

	private static final AtomicLong SEQUENCE = new AtomicLong();

	private final Map<String, String> fields = new LinkedHashMap<>();

	private TestEvents(String type, String client, long ts) {
		this.fields.put("type", type);
		this.fields.put("ts", Long.toString(ts));
		this.fields.put("node", "test-node");
		this.fields.put("client", client);
	}

	static TestEvents issued(String client, long ts) {
		return new TestEvents("token.issued", client, ts).with("jti", "jti-" + SEQUENCE.incrementAndGet())
			.with("scope", "telemetry:write")
			.with("auth_method", "client_secret_basic")
			.with("binding", "none");
	}

	static TestEvents refused(String client, long ts) {
		return new TestEvents("token.refused", client, ts).with("error", "invalid_client")
			.with("auth_method", "client_secret_basic");
	}

	static TestEvents attestation(String client, long ts, String outcome, String evidence, String policy) {
		TestEvents event = new TestEvents("attestation", client, ts).with("format", "eat")
			.with("outcome", outcome)
			.with("model", "sensor-1")
			.with("policy_fingerprint", policy);
		return (evidence != null) ? event.with("evidence_fingerprint", evidence) : event;
	}

	static TestEvents denied(String client, long ts, String reason) {
		return new TestEvents("resource.denied", client, ts).with("reason", reason)
			.with("jti", "jti-" + SEQUENCE.incrementAndGet())
			.with("resource", "https://localhost:8444");
	}

	TestEvents address(String address) {
		return with("address", address);
	}

	TestEvents device() {
		return with("kind", "device");
	}

	TestEvents with(String name, String value) {
		this.fields.put(name, value);
		return this;
	}

	Map<String, String> fields() {
		return this.fields;
	}

	/** As read from the stream, with a unique entry id. */
	StreamEvent event() {
		long n = SEQUENCE.incrementAndGet();
		return new StreamEvent(this.fields.get("ts") + "-" + n, Map.copyOf(this.fields));
	}

}
