package io.keyfleet.auth.anomaly;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.keyfleet.auth.store.RedisScript;
import io.keyfleet.auth.store.StateStore;

/**
 * Anomalies in Redis, every key under {@code {anomalies}} so the scripts run on a Redis
 * Cluster: {@code rec:<id>} (hash), {@code open:<client>:<kind>} (the open one, at most one
 * per client and kind), {@code open-ids:<client>} (set), {@code seen:<event>:<kind>}
 * (idempotency marker), and sorted-set indexes {@code index}, {@code by-client:<client>},
 * {@code by-kind:<kind>}, {@code by-client-kind:<client>:<kind>} scored
 * {@code detected_at_ms × 1000 + sequence mod 1000}, so that listing newest first with a
 * {@code since} bound is one range read and the score is the page cursor.
 */
public final class AnomalyStore {

	private static final RedisScript RECORD = RedisScript.fromClasspath("anomaly-record", ScriptOutputType.VALUE);

	private static final RedisScript RESOLVE = RedisScript.fromClasspath("anomaly-resolve", ScriptOutputType.INTEGER);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private static final SecureRandom RANDOM = new SecureRandom();

	private final StateStore store;

	private final Clock clock;

	private final Duration markerTtl;

	public AnomalyStore(StateStore store, Clock clock, Duration markerTtl) {
		this.store = store;
		this.clock = clock;
		this.markerTtl = markerTtl;
	}

	/**
	 * Records a signal shown by event {@code eventId}: opens an anomaly, or counts one more
	 * detection of the open one of the same kind. Idempotent per event and kind.
	 * @return the id of the anomaly opened or counted
	 */
	public String record(String client, Signal signal, AnomalyResponse action, String eventId) {
		String id = newId();
		String kind = signal.kind().wireName();
		String[] keys = { key("seen", eventId, kind), openKey(client, kind), key("seq"), recordKey(id), key("index"),
				key("by-client", client), key("by-kind", kind), key("by-client-kind", client, kind),
				key("open-ids", client) };
		String result = this.store.await(RECORD.<String>run(this.store.async(), keys, id, client, kind,
				Integer.toString(signal.score()), JSON.writeValueAsString(signal.evidence()), action.wireName(),
				Long.toString(this.clock.millis()), Long.toString(this.markerTtl.toMillis()), recordKey("")));
		// "created|<id>" or "updated|<id>" (the script's answer, kept for a re-delivered event)
		return result.substring(result.indexOf('|') + 1);
	}

	public Optional<Anomaly> find(String id) {
		if (!AnomalyQuery.ID.matcher(id).matches()) {
			return Optional.empty();
		}
		return read(this.store.await(this.store.async().hgetall(recordKey(id))));
	}

	/** @return whether it was open until now; empty when there is no such anomaly */
	public Optional<Boolean> resolve(String id, String actor) {
		if (!AnomalyQuery.ID.matcher(id).matches()) {
			return Optional.empty();
		}
		long result = this.store.await(RESOLVE.<Long>run(this.store.async(), new String[] { recordKey(id) },
				Long.toString(this.clock.millis()), actor, key("open", ""), key("open-ids", "")));
		return (result == 0) ? Optional.empty() : Optional.of(result == 1);
	}

	/** A client's open anomalies, highest score first. */
	public List<Anomaly> open(String client) {
		Set<String> ids = this.store.await(this.store.async().smembers(key("open-ids", client)));
		List<Anomaly> anomalies = readAll(new ArrayList<>(ids));
		anomalies.sort(Comparator.comparingInt(Anomaly::score).reversed().thenComparing(Anomaly::id));
		return anomalies;
	}

	/** One page, newest first. */
	public Page list(AnomalyQuery query) {
		String index = (query.client() != null)
				? ((query.kind() != null) ? key("by-client-kind", query.client(), query.kind().wireName())
						: key("by-client", query.client()))
				: ((query.kind() != null) ? key("by-kind", query.kind().wireName()) : key("index"));
		Range.Boundary<Double> upper = (query.beforeOrder() != null)
				? Range.Boundary.excluding((double) query.beforeOrder()) : Range.Boundary.unbounded();
		Range.Boundary<Double> lower = (query.since() != null)
				? Range.Boundary.including((double) query.since().toEpochMilli() * 1000) : Range.Boundary.unbounded();
		List<String> ids = this.store.await(this.store.async()
			.zrevrangebyscore(index, Range.from(lower, upper), Limit.create(0, query.limit() + 1L)));
		boolean more = ids.size() > query.limit();
		List<Anomaly> items = readAll(more ? ids.subList(0, query.limit()) : ids);
		Long next = (more && !items.isEmpty()) ? items.get(items.size() - 1).order() : null;
		return new Page(items, next);
	}

	private List<Anomaly> readAll(List<String> ids) {
		List<CompletionStage<Map<String, String>>> reads = new ArrayList<>();
		ids.forEach(id -> reads.add(this.store.async().hgetall(recordKey(id))));
		List<Anomaly> anomalies = new ArrayList<>();
		reads.forEach(r -> read(this.store.await(r)).ifPresent(anomalies::add));
		return anomalies;
	}

	private static Optional<Anomaly> read(Map<String, String> hash) {
		if (hash == null || hash.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new Anomaly(hash.get("id"), hash.get("device"), hash.get("kind"),
				Integer.parseInt(hash.get("score")), Anomaly.time(hash.get("detected_at_ms")),
				JSON.readValue(hash.get("evidence"), OBJECT), hash.get("action"), hash.get("status"),
				Long.parseLong(hash.get("count")), Anomaly.time(hash.get("last_detected_at_ms")),
				Anomaly.time(hash.get("resolved_at_ms")), Long.parseLong(hash.get("order"))));
	}

	private String recordKey(String id) {
		return key("rec", id);
	}

	private String openKey(String client, String kind) {
		return key("open", client, kind);
	}

	private String key(String... parts) {
		String[] all = new String[parts.length + 2];
		all[0] = "anomaly";
		all[1] = "{anomalies}";
		System.arraycopy(parts, 0, all, 2, parts.length);
		return this.store.key(all);
	}

	private static String newId() {
		byte[] bytes = new byte[12];
		RANDOM.nextBytes(bytes);
		return "an_" + HexFormat.of().formatHex(bytes);
	}

	/** A page and the cursor (order of its last item) of the next one. */
	public record Page(List<Anomaly> items, Long nextBeforeOrder) {
	}

}
