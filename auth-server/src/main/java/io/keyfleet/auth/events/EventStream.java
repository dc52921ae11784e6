package io.keyfleet.auth.events;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.XAddArgs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.Assert;

import io.keyfleet.auth.store.StateStore;

/**
 * Appends events to the Redis Stream {@code <key-prefix>events} (CONTRACT "Provisioning,
 * lifecycle and anomalies"; schema in docs/contract-as-built.md "Events stream") with
 * {@code XADD <key> MAXLEN ~ <max-length> * field value ...}, on a connection of its own
 * that writes the appends of all request threads in batches ({@link BatchingConnection}).
 *
 * <p>
 * Fire and forget: {@link Event#append} buffers the command and returns; nothing waits for
 * the reply, so the token endpoint pays for building the entry and buffering the command,
 * not for a round trip nor a socket write. A failed append never fails the request that caused it: it is counted
 * ({@code keyfleet.events.append.failures}) and logged at most once a minute, with the
 * Redis error only — never the entry, whose values come from requests.
 */
public final class EventStream implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EventStream.class);

	private static final long LOG_INTERVAL_MS = 60_000;

	/** Longest value kept: some come from unauthenticated requests (a claimed client id). */
	static final int MAX_VALUE_LENGTH = 1024;

	private final BatchingConnection connection;

	private final String key;

	private final XAddArgs trim;

	private final Clock clock;

	private final String node;

	private final Counter failures;

	private final AtomicLong lastLoggedMs = new AtomicLong(Long.MIN_VALUE);

	private final boolean enabled;

	private final Event disabledEvent;

	/**
	 * @param enabled false: every event is dropped before it is built
	 * ({@code keyfleet.events.enabled=false})
	 */
	public EventStream(StateStore store, boolean enabled, long maxLength, MeterRegistry meters, Clock clock) {
		Assert.notNull(store, "store cannot be null");
		Assert.isTrue(maxLength > 0, "maxLength must be positive");
		this.connection = enabled ? new BatchingConnection(store) : null;
		this.enabled = enabled;
		this.disabledEvent = new Event(null);
		this.key = store.key("events");
		this.trim = XAddArgs.Builder.maxlen(maxLength).approximateTrimming();
		this.clock = clock;
		this.node = node();
		this.failures = Counter.builder("keyfleet.events.append.failures")
			.description("Events that could not be appended to the events stream")
			.register(meters);
	}

	/** The stream's key: {@code <key-prefix>events}. */
	public String key() {
		return this.key;
	}

	/** Whether events are appended; callers skip work that only an event needs when not. */
	public boolean enabled() {
		return this.enabled;
	}

	/**
	 * Starts a new event of {@code type}; {@link Event#append()} sends it.
	 * @param type the event type ({@code token.issued}, {@code admin}, ...)
	 */
	public Event event(String type) {
		return this.enabled ? new Event(type) : this.disabledEvent;
	}

	private void append(Map<String, String> fields) {
		try {
			this.connection.commands().xadd(this.key, this.trim, fields).whenComplete((id, failure) -> {
				if (failure != null) {
					failed(failure);
				}
			});
			this.connection.issued();
		}
		catch (RuntimeException ex) {
			// disconnected, rejected at once: the request goes on without its event
			failed(ex);
		}
	}

	private void failed(Throwable failure) {
		this.failures.increment();
		long now = this.clock.millis();
		long last = this.lastLoggedMs.get();
		if ((last == Long.MIN_VALUE || now - last >= LOG_INTERVAL_MS) && this.lastLoggedMs.compareAndSet(last, now)) {
			log.warn("Could not append to the events stream {} (counted in keyfleet.events.append.failures): {}",
					this.key, failure.toString());
		}
	}

	/** Writes what is buffered and closes the connection. */
	@Override
	public void close() {
		if (this.connection != null) {
			this.connection.close();
		}
	}

	/** {@code hostname:pid}, from the name the JVM gave itself at start-up (no lookup now). */
	private static String node() {
		String name = ManagementFactory.getRuntimeMXBean().getName();
		int at = name.indexOf('@');
		return ((at >= 0) ? name.substring(at + 1) : "unknown") + ":" + ProcessHandle.current().pid();
	}

	/**
	 * One stream entry being built: the common fields {@code type}, {@code ts} and
	 * {@code node} are set, a null or empty value leaves its field out (absent = omitted,
	 * never {@code "null"}), and a value longer than 1024 characters is cut there. Values are
	 * otherwise kept as they are: callers never pass secrets, assertions, tokens or evidence.
	 */
	public final class Event {

		private final Map<String, String> fields;

		/** @param type null: the event of a disabled stream, which keeps and sends nothing */
		private Event(String type) {
			this.fields = (type != null) ? new LinkedHashMap<>(16) : null;
			if (type == null) {
				return;
			}
			this.fields.put("type", type);
			this.fields.put("ts", Long.toString(EventStream.this.clock.millis()));
			this.fields.put("node", EventStream.this.node);
		}

		public Event with(String field, String value) {
			if (this.fields != null && value != null && !value.isEmpty()) {
				this.fields.put(field,
						(value.length() <= MAX_VALUE_LENGTH) ? value : value.substring(0, MAX_VALUE_LENGTH));
			}
			return this;
		}

		/** Sends the entry without waiting for Redis. */
		public void append() {
			if (this.fields != null) {
				EventStream.this.append(this.fields);
			}
		}

	}

}
