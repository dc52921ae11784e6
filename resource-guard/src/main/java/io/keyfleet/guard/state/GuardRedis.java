package io.keyfleet.guard.state;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The guard's Redis client (Lettuce, used directly): one set of event loops for all of
 * its connections, fail-fast settings everywhere — every command has a timeout, and a
 * command issued while disconnected is rejected at once instead of being queued — and
 * one shared, multiplexed command connection for writes (DPoP proof {@code jti}s) and,
 * in {@link CacheMode#PUBSUB pub/sub mode}, reads. That connection reconnects by itself
 * (100 ms to 2 s apart); the invalidation connections are built with
 * {@link #newClient(boolean)} and supervised by their cache instead.
 */
public final class GuardRedis implements AutoCloseable {

	private static final Duration MIN_CONNECT_INTERVAL = Duration.ofMillis(200);

	private final ClientResources resources;

	private final RedisURI uri;

	private final Duration commandTimeout;

	private final Duration connectTimeout;

	private final RedisClient commandClient;

	private final Object connectLock = new Object();

	private volatile @Nullable StatefulRedisConnection<String, String> commands;

	private long lastConnectAttempt;

	/**
	 * @param url the Redis URL ({@code redis://}, {@code rediss://}, {@code redis-sentinel://})
	 * @param commandTimeout the longest a command may take
	 * @param connectTimeout TCP connect timeout
	 */
	public GuardRedis(String url, Duration commandTimeout, Duration connectTimeout) {
		Assert.hasText(url, "url cannot be empty");
		Assert.notNull(commandTimeout, "commandTimeout cannot be null");
		Assert.notNull(connectTimeout, "connectTimeout cannot be null");
		this.uri = RedisURI.create(url);
		this.uri.setTimeout(commandTimeout);
		this.commandTimeout = commandTimeout;
		this.connectTimeout = connectTimeout;
		this.resources = ClientResources.builder()
			.reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
			.build();
		this.commandClient = newClient(true);
	}

	/**
	 * A client for this Redis with the guard's fail-fast options, RESP3.
	 * @param autoReconnect whether its connections reconnect by themselves
	 * @return a new client sharing this instance's event loops; closed with it
	 */
	public RedisClient newClient(boolean autoReconnect) {
		RedisClient client = RedisClient.create(this.resources, this.uri);
		client.setOptions(ClientOptions.builder()
			.protocolVersion(ProtocolVersion.RESP3)
			.autoReconnect(autoReconnect)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.socketOptions(SocketOptions.builder().connectTimeout(this.connectTimeout).keepAlive(true).build())
			.timeoutOptions(TimeoutOptions.enabled(this.commandTimeout))
			.build());
		return client;
	}

	/**
	 * The shared command connection, connected on first use.
	 * @return its asynchronous commands
	 * @throws GuardStateUnavailableException when Redis cannot be reached
	 */
	public RedisAsyncCommands<String, String> commands() {
		StatefulRedisConnection<String, String> connection = this.commands;
		if (connection == null) {
			connection = connectCommands();
		}
		return connection.async();
	}

	private StatefulRedisConnection<String, String> connectCommands() {
		synchronized (this.connectLock) {
			StatefulRedisConnection<String, String> connection = this.commands;
			if (connection != null) {
				return connection;
			}
			long now = System.nanoTime();
			if (this.lastConnectAttempt != 0 && now - this.lastConnectAttempt < MIN_CONNECT_INTERVAL.toNanos()) {
				throw new GuardStateUnavailableException("the state store is unreachable");
			}
			this.lastConnectAttempt = now;
			try {
				connection = this.commandClient.connect(StringCodec.UTF8);
			}
			catch (RuntimeException ex) {
				throw new GuardStateUnavailableException("the state store is unreachable: " + ex.getMessage(), ex);
			}
			this.commands = connection;
			return connection;
		}
	}

	/**
	 * Waits for a command, within the command timeout.
	 * @param <T> the result type
	 * @param future the command's result
	 * @return the result
	 * @throws GuardStateUnavailableException when the command failed or timed out
	 */
	public <T> T await(CompletionStage<T> future) {
		try {
			return future.toCompletableFuture().get(this.commandTimeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new GuardStateUnavailableException("interrupted while reading the state store", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new GuardStateUnavailableException("the state store failed: " + cause.getMessage(), cause);
		}
		catch (TimeoutException ex) {
			throw new GuardStateUnavailableException("the state store did not answer within " + this.commandTimeout,
					ex);
		}
		catch (RuntimeException ex) {
			throw new GuardStateUnavailableException("the state store failed: " + ex.getMessage(), ex);
		}
	}

	/** How long a command may take. */
	public Duration commandTimeout() {
		return this.commandTimeout;
	}

	@Override
	public void close() {
		// shutting the client down closes its connection
		this.commandClient.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		this.resources.shutdown(0, 1, TimeUnit.SECONDS);
	}

}
