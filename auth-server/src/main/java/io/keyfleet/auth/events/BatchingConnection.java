package io.keyfleet.auth.events;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import io.keyfleet.auth.store.StateStore;

/**
 * A connection of its own for the events stream, from the state store's client (same
 * Redis, topology and fail-closed options), with Lettuce's auto-flush turned off: a request
 * thread only puts its {@code XADD} in the connection's buffer, and one background thread
 * writes whatever has gathered every {@link #INTERVAL}, one socket write for many
 * events. On the shared connection, each append was a write and an event-loop wake-up of
 * its own, which is most of what an event cost the token path (docs/benchmarks.md "Events
 * stream: cost per token").
 */
final class BatchingConnection implements AutoCloseable {

	/** How long an event may wait in the buffer: nothing that reads the stream notices it. */
	static final Duration INTERVAL = Duration.ofMillis(2);

	private final StatefulConnection<String, String> connection;

	private final RedisClusterAsyncCommands<String, String> commands;

	private final AtomicBoolean unflushed = new AtomicBoolean();

	private final ScheduledExecutorService flusher;

	BatchingConnection(StateStore store) {
		AbstractRedisClient client = store.client();
		if (client instanceof RedisClusterClient cluster) {
			StatefulRedisClusterConnection<String, String> clustered = cluster.connect();
			this.connection = clustered;
			this.commands = clustered.async();
		}
		else {
			StatefulRedisConnection<String, String> standalone = ((RedisClient) client).connect();
			this.connection = standalone;
			this.commands = standalone.async();
		}
		this.connection.setAutoFlushCommands(false);
		this.flusher = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "keyfleet-events-flush");
			thread.setDaemon(true);
			return thread;
		});
		this.flusher.scheduleWithFixedDelay(this::flush, INTERVAL.toNanos(), INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
	}

	/** The buffered commands: call {@link #issued()} after each one. */
	RedisClusterAsyncCommands<String, String> commands() {
		return this.commands;
	}

	/** A command was buffered: the next flush writes it (set after the command, never before). */
	void issued() {
		this.unflushed.set(true);
	}

	private void flush() {
		if (this.unflushed.getAndSet(false)) {
			try {
				this.connection.flushCommands();
			}
			catch (RuntimeException ex) {
				// the commands fail on their own (timeout, disconnected) and are counted there
			}
			catch (Error error) {
				// a scheduled task that throws is never run again: the buffer would only grow
				this.unflushed.set(true);
			}
		}
	}

	@Override
	public void close() {
		this.flusher.shutdown();
		flush();
		this.connection.close();
	}

}
