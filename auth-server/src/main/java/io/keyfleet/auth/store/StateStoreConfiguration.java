package io.keyfleet.auth.store;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.keyfleet.auth.KeyfleetServerProperties;
import io.keyfleet.auth.devmode.DataDirectory;

/**
 * Connects to the configured Redis, or in dev mode starts the embedded one first.
 *
 * <p>
 * Fail-closed settings: commands are rejected at once while disconnected (instead of
 * being queued), every command has a timeout, and reconnection retries quickly (100 ms
 * to 2 s) so that service comes back by itself when Redis does.
 */
@Configuration(proxyBeanMethods = false)
public class StateStoreConfiguration {

	private static final Logger log = LoggerFactory.getLogger(StateStoreConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedRedisHolder embeddedRedis(RedisStoreProperties properties, KeyfleetServerProperties server) {
		if (properties.external()) {
			return new EmbeddedRedisHolder(null);
		}
		if (!server.dev()) {
			throw new IllegalStateException("keyfleet.redis.url (KEYFLEET_REDIS_URL) must be set in production mode");
		}
		return new EmbeddedRedisHolder(EmbeddedRedisServer.startIn(new DataDirectory(server.dataDir())));
	}

	@Bean(destroyMethod = "close")
	StateStore stateStore(RedisStoreProperties properties, EmbeddedRedisHolder embedded) {
		String url = properties.external() ? properties.url() : embedded.server().url();
		RedisURI uri = RedisURI.create(url);
		uri.setTimeout(properties.commandTimeout());
		ClientResources resources = ClientResources.builder()
			.reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
			.build();
		SocketOptions socket = SocketOptions.builder().connectTimeout(properties.connectTimeout()).keepAlive(true).build();
		TimeoutOptions timeouts = TimeoutOptions.enabled(properties.commandTimeout());
		Instant deadline = Instant.now().plus(properties.startupTimeout());
		while (true) {
			try {
				return properties.cluster() ? connectCluster(uri, resources, socket, timeouts, properties)
						: connectStandalone(uri, resources, socket, timeouts, properties);
			}
			catch (RedisConnectionException ex) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("Redis at " + uri.getHost() + ":" + uri.getPort()
							+ " did not answer within " + properties.startupTimeout() + ": " + ex.getMessage(), ex);
				}
				log.warn("Waiting for Redis at {}:{}: {}", uri.getHost(), uri.getPort(), ex.getMessage());
				sleep();
			}
		}
	}

	private static StateStore connectStandalone(RedisURI uri, ClientResources resources, SocketOptions socket,
			TimeoutOptions timeouts, RedisStoreProperties properties) {
		RedisClient client = RedisClient.create(resources, uri);
		client.setOptions(failClosed(ClientOptions.builder(), socket, timeouts).build());
		return connect(client, () -> {
			StatefulRedisConnection<String, String> connection = client.connect();
			return new StateStore(client, connection, connection.async(), client::connectPubSub,
					properties.keyPrefix(), properties.commandTimeout());
		});
	}

	private static StateStore connectCluster(RedisURI uri, ClientResources resources, SocketOptions socket,
			TimeoutOptions timeouts, RedisStoreProperties properties) {
		RedisClusterClient client = RedisClusterClient.create(resources, uri);
		client.setOptions(failClosed(ClusterClientOptions.builder(), socket, timeouts).build());
		return connect(client, () -> {
			StatefulRedisClusterConnection<String, String> connection = client.connect();
			return new StateStore(client, connection, connection.async(), client::connectPubSub,
					properties.keyPrefix(), properties.commandTimeout());
		});
	}

	/** Reconnect on its own, but reject commands at once while disconnected; time every command out. */
	private static <B extends ClientOptions.Builder> B failClosed(B builder, SocketOptions socket,
			TimeoutOptions timeouts) {
		builder.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.socketOptions(socket)
			.timeoutOptions(timeouts);
		return builder;
	}

	private static StateStore connect(AbstractRedisClient client, Supplier<StateStore> connect) {
		try {
			return connect.get();
		}
		catch (RuntimeException ex) {
			client.shutdown(Duration.ZERO, Duration.ZERO);
			throw ex;
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for Redis", ex);
		}
	}

	@Bean
	HealthIndicator stateStoreHealthIndicator(ObjectProvider<StateStore> store) {
		return () -> {
			StateStore stateStore = store.getObject();
			try {
				String pong = stateStore.await(stateStore.async().ping());
				return Health.up().withDetail("ping", pong).build();
			}
			catch (StateStoreUnavailableException ex) {
				return Health.down().withDetail("error", ex.getMessage()).build();
			}
		};
	}

	/** Holds the embedded server (or nothing) so that it is stopped after the client. */
	static final class EmbeddedRedisHolder implements AutoCloseable {

		private final EmbeddedRedisServer server;

		EmbeddedRedisHolder(EmbeddedRedisServer server) {
			this.server = server;
		}

		EmbeddedRedisServer server() {
			return this.server;
		}

		@Override
		public void close() {
			if (this.server != null) {
				this.server.close();
			}
		}

	}

}
