package io.keyfleet.auth.store;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/**
 * Keyfleet's handle on Redis: one multiplexed Lettuce connection shared by all request
 * threads, key naming under a configurable prefix, and the single place where Redis
 * failures become {@link StateStoreUnavailableException} so that every caller fails
 * closed the same way.
 *
 * <p>
 * Code is written against {@link RedisClusterAsyncCommands}, the command interface that
 * a standalone, sentinel and cluster connection have in common.
 */
public final class StateStore {

	private final AbstractRedisClient client;

	private final StatefulConnection<String, String> connection;

	private final RedisClusterAsyncCommands<String, String> commands;

	private final PubSubConnector pubSubConnector;

	private final String keyPrefix;

	private final Duration timeout;

	public StateStore(AbstractRedisClient client, StatefulConnection<String, String> connection,
			RedisClusterAsyncCommands<String, String> commands, PubSubConnector pubSubConnector, String keyPrefix,
			Duration timeout) {
		this.client = client;
		this.connection = connection;
		this.commands = commands;
		this.pubSubConnector = pubSubConnector;
		this.keyPrefix = keyPrefix;
		this.timeout = timeout;
	}

	/** A key under this deployment's prefix: {@code key("jti", id)} → {@code keyfleet:jti:id}. */
	public String key(String... parts) {
		StringBuilder sb = new StringBuilder(this.keyPrefix);
		for (int i = 0; i < parts.length; i++) {
			if (i > 0) {
				sb.append(':');
			}
			sb.append(parts[i]);
		}
		return sb.toString();
	}

	public String keyPrefix() {
		return this.keyPrefix;
	}

	/** The asynchronous commands; pipelining is issuing several before awaiting any. */
	public RedisClusterAsyncCommands<String, String> async() {
		return this.commands;
	}

	/** Waits for one command, translating every failure into a fail-closed exception. */
	public <T> T await(CompletionStage<T> future) {
		try {
			return future.toCompletableFuture().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StateStoreUnavailableException("interrupted while waiting for the state store", ex);
		}
		catch (TimeoutException ex) {
			throw new StateStoreUnavailableException("state store did not answer within " + this.timeout, ex);
		}
		catch (ExecutionException | CompletionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof StateStoreUnavailableException unavailable) {
				throw unavailable;
			}
			if (cause instanceof RedisException || cause instanceof java.io.IOException) {
				throw new StateStoreUnavailableException("state store unavailable: " + cause.getMessage(), cause);
			}
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new StateStoreUnavailableException("state store failed: " + cause.getMessage(), cause);
		}
		catch (RedisException ex) {
			throw new StateStoreUnavailableException("state store unavailable: " + ex.getMessage(), ex);
		}
	}

	/** Waits for several pipelined commands, in order. */
	public List<Object> awaitAll(List<? extends CompletionStage<?>> futures) {
		return futures.stream().map(f -> (Object) await(f)).toList();
	}

	/** Opens a new pub/sub connection (standalone or cluster, as configured). */
	public StatefulRedisPubSubConnection<String, String> connectPubSub() {
		return this.pubSubConnector.connect();
	}

	public AbstractRedisClient client() {
		return this.client;
	}

	/** Whether this is a Redis Cluster, where a script may only touch keys of one slot. */
	public boolean isCluster() {
		return this.client instanceof io.lettuce.core.cluster.RedisClusterClient;
	}

	public boolean isOpen() {
		return this.connection.isOpen();
	}

	void close() {
		this.connection.close();
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}

	/** Opens pub/sub connections for the configured topology. */
	@FunctionalInterface
	public interface PubSubConnector {

		StatefulRedisPubSubConnection<String, String> connect();

	}

}
