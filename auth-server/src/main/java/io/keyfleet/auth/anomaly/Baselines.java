package io.keyfleet.auth.anomaly;

import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.ScriptOutputType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.keyfleet.auth.store.RedisScript;
import io.keyfleet.auth.store.StateStore;

/**
 * Per-client baselines in Redis and the judgement of one event against them, in one
 * script per event ({@code scripts/anomaly-observe.lua}) so that concurrent consumers see a
 * consistent baseline and a re-delivered event has no second effect.
 *
 * <p>
 * Keys, all under the client's hash tag so the script also runs on a Redis Cluster:
 * {@code anomaly:{<client>}:base} (hash: event and token counters, EWMA mean and variance
 * of the token inter-arrival time, address streak, last good attestation fingerprints),
 * {@code :rate} (recent token times), {@code :runs} (recent address runs),
 * {@code :addrs} (known addresses, bounded), {@code :scopes} (scopes used, bounded),
 * {@code :refused} (recent refusals, lives one window) and {@code :done:<event id>} (the
 * event's result, for {@code done-ttl}). Baseline keys expire after {@code baseline-ttl}
 * without events.
 */
public final class Baselines {

	private static final RedisScript OBSERVE = RedisScript.fromClasspath("anomaly-observe", ScriptOutputType.VALUE);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final StateStore store;

	private final AnomalyProperties properties;

	public Baselines(StateStore store, AnomalyProperties properties) {
		this.store = store;
		this.properties = properties;
	}

	/** Applies an observable event to its client's baseline; the anomalies it shows. */
	public List<Signal> observe(StreamEvent event) {
		String client = event.client();
		String[] keys = { key(client, "base"), key(client, "rate"), key(client, "runs"), key(client, "addrs"),
				key(client, "scopes"), key(client, "refused"), key(client, "done:" + event.id()) };
		AnomalyProperties p = this.properties;
		String result = this.store.await(OBSERVE.<String>run(this.store.async(), keys, event.id(), event.type(),
				Long.toString(event.timestamp()), event.field("address"), event.field("scope"), event.field("outcome"),
				event.field("evidence_fingerprint"), event.field("policy_fingerprint"), event.field("reason"),
				event.field("error"), event.field("jti"), event.field("resource"), Integer.toString(p.warmup()),
				Long.toString(p.rateWindow().toMillis()), Double.toString(p.rateFactor()),
				Integer.toString(p.rateMinCount()), Double.toString(p.rateZ()), Integer.toString(p.stationaryEvents()),
				Integer.toString(p.maxAddresses()), Long.toString(p.cloneWindow().toMillis()),
				Long.toString(p.authFailuresWindow().toMillis()), Integer.toString(p.authFailuresThreshold()),
				Long.toString(p.baselineTtl().toMillis()), Long.toString(p.doneTtl().toMillis()),
				Double.toString(p.alpha())));
		return signals(result);
	}

	/** The baseline hash's fields (operators and tests read it). */
	public java.util.Map<String, String> baseline(String client) {
		return this.store.await(this.store.async().hgetall(key(client, "base")));
	}

	private String key(String client, String part) {
		return this.store.key("anomaly", "{" + client + "}", part);
	}

	/** The script's JSON: an array of signals ({@code {}} when there are none: cjson). */
	static List<Signal> signals(String json) {
		JsonNode node = JSON.readTree(json);
		List<Signal> signals = new ArrayList<>();
		if (node.isArray()) {
			for (JsonNode s : node) {
				AnomalyKind kind = AnomalyKind.fromWireName(s.get("kind").asString()).orElseThrow();
				JsonNode evidence = s.get("evidence");
				signals.add(new Signal(kind, s.get("score").asInt(),
						(evidence instanceof ObjectNode object) ? object : JSON.createObjectNode()));
			}
		}
		return signals;
	}

}
