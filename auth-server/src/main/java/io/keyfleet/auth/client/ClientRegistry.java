package io.keyfleet.auth.client;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import io.lettuce.core.ScriptOutputType;

import io.keyfleet.auth.store.RedisScript;
import io.keyfleet.auth.store.SequencedIndex;
import io.keyfleet.auth.store.StateStore;

/**
 * The registry of devices and service clients in Redis.
 *
 * <p>
 * Keys (all under one hash tag, so the scripts that touch several of them also run on a
 * Redis Cluster): {@code {registry}:client:<id>} the record as JSON,
 * {@code {registry}:index:<kind>} a sorted set of ids scored by a creation sequence, and
 * {@code {registry}:seq}, and {@code {registry}:standing:<id>} for resource guards.
 * Paging walks the sequence, so every client is listed exactly once even while clients
 * are being added. Every change is published on {@code registry:changed} so that each
 * node's cache drops the entry, and a standing change on {@code guard:invalidate}.
 */
public final class ClientRegistry {

	private static final RedisScript CREATE = RedisScript.fromClasspath("registry-create", ScriptOutputType.INTEGER);

	private static final RedisScript UPDATE = RedisScript.fromClasspath("registry-update", ScriptOutputType.INTEGER);

	private static final int MAX_UPDATE_ATTEMPTS = 16;

	private final StateStore store;

	private final Clock clock;

	private final List<Consumer<String>> localChangeListeners = new CopyOnWriteArrayList<>();

	public ClientRegistry(StateStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/**
	 * Tells {@code listener} the id of every client this node changed, as soon as Redis
	 * holds the change — before the write returns to the caller, so a suspension or kill
	 * switch is in force on this node at once, without waiting for its own pub/sub echo.
	 */
	public void onLocalChange(Consumer<String> listener) {
		this.localChangeListeners.add(listener);
	}

	/** The pub/sub channel that carries the id of every changed client. */
	public String changeChannel() {
		return this.store.key("registry", "changed");
	}

	/** Stores a new client; false when the id is taken (also by a retired client). */
	public boolean create(ClientRecord record) {
		return this.store.await(createAsync(record)) > 0;
	}

	/** Issues a create without waiting, so bulk imports can pipeline. */
	public java.util.concurrent.CompletionStage<Long> createAsync(ClientRecord record) {
		String[] keys = { recordKey(record.id()), indexKey(record.kind()), this.store.key("{registry}", "seq"),
				standingKey(record.id()) };
		return CREATE.<Long>run(this.store.async(), keys, record.id(), ClientRecordCodec.write(record), changeChannel(),
				ClientStanding.json(record), guardChannel())
			.thenApply((created) -> {
				if (created > 0) {
					changed(record.id());
				}
				return created;
			});
	}

	public Optional<ClientRecord> find(String id) {
		String json = this.store.await(this.store.async().get(recordKey(id)));
		return Optional.ofNullable(json).map(ClientRecordCodec::read);
	}

	/**
	 * Applies a change with optimistic concurrency: re-reads and retries when another
	 * node changed the record in between.
	 * @param change returns the new record (with version + 1), or the same instance for
	 * "no change", or throws to refuse the change
	 * @return the stored record, or empty when the client does not exist
	 */
	public Optional<ClientRecord> update(String id, UnaryOperator<ClientRecord> change) {
		for (int attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
			Optional<ClientRecord> current = find(id);
			if (current.isEmpty()) {
				return Optional.empty();
			}
			ClientRecord updated = change.apply(current.get());
			if (updated == current.get()) {
				return current;
			}
			long result = this.store.await(UPDATE.<Long>run(this.store.async(),
					new String[] { recordKey(id), standingKey(id) }, Long.toString(current.get().version()),
					ClientRecordCodec.write(updated), changeChannel(), id, ClientStanding.json(updated), guardChannel()));
			if (result == 1) {
				changed(id);
				return Optional.of(updated);
			}
			if (result == -1) {
				return Optional.empty();
			}
		}
		throw new ConcurrentModificationException(id);
	}

	/**
	 * One page of clients of a kind in creation order.
	 * @param afterSequence the cursor: the sequence of the last client already seen (0 to
	 * start)
	 */
	public Page page(ClientKind kind, long afterSequence, int limit) {
		SequencedIndex.Page<ClientRecord> page = SequencedIndex.page(this.store, indexKey(kind), afterSequence, limit,
				this::recordKey, ClientRecordCodec::read);
		return new Page(page.items(), page.nextAfterSequence());
	}

	public Clock clock() {
		return this.clock;
	}

	private void changed(String id) {
		this.localChangeListeners.forEach((listener) -> listener.accept(id));
	}

	/** The channel on which resource guards hear which of the keys they cache changed. */
	public String guardChannel() {
		return this.store.key("guard", "invalidate");
	}

	/** What resource servers re-check of a client (see {@link ClientStanding}). */
	public String standingKey(String id) {
		return this.store.key("{registry}", "standing", id);
	}

	private String recordKey(String id) {
		return this.store.key("{registry}", "client", id);
	}

	private String indexKey(ClientKind kind) {
		return this.store.key("{registry}", "index", kind.wireName());
	}

	/** A page of records and the cursor of the next page (null at the end). */
	public record Page(List<ClientRecord> items, Long nextAfterSequence) {
	}

	/** Too many concurrent writers on one client; the caller may retry. */
	public static final class ConcurrentModificationException extends RuntimeException {

		public ConcurrentModificationException(String id) {
			super("client " + id + " is being changed concurrently; retry");
		}

	}

}
