package io.keyfleet.auth.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

import io.keyfleet.auth.store.StateStore;

/**
 * The Redis tests run against: the shared one at 127.0.0.1:6379 when it answers, else a
 * {@code redis-server} this JVM starts on a free port. Every test JVM gets its own key
 * prefix and deletes only its own keys (never the whole database: the Redis is shared).
 */
public final class TestRedis {

	private static final String PREFIX = "kft-" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private static volatile String url;

	private static RedisClient sharedClient;

	private static StatefulRedisConnection<String, String> sharedConnection;

	private TestRedis() {
	}

	public static String prefix() {
		return PREFIX;
	}

	public static synchronized String url() {
		if (url == null) {
			url = answers("redis://127.0.0.1:6379") ? "redis://127.0.0.1:6379" : startOwn();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteKeys(url, PREFIX)));
		}
		return url;
	}

	/**
	 * A state store on the test Redis for tests of one component without a server, under a
	 * prefix of its own below this JVM's (so its keys go with the JVM's at exit). One
	 * connection serves every such store of the JVM.
	 */
	public static synchronized StateStore stateStore(String name) {
		if (sharedClient == null) {
			sharedClient = RedisClient.create(url());
			sharedConnection = sharedClient.connect();
		}
		String prefix = PREFIX + name + "-" + UUID.randomUUID() + ":";
		return new StateStore(sharedClient, sharedConnection, sharedConnection.async(), sharedClient::connectPubSub,
				prefix, Duration.ofSeconds(2));
	}

	/** Starts a private Redis on a free port, in memory only. */
	public static Private startPrivate() {
		return startPrivate(null);
	}

	/**
	 * Starts a private Redis on a free port (for tests that stop and restart it); with a
	 * directory it persists there (AOF), so a restart keeps the data.
	 */
	public static Private startPrivate(java.nio.file.Path dir) {
		Private redis = new Private(freePort(), dir);
		redis.start();
		return redis;
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static boolean answers(String redisUrl) {
		RedisURI uri = RedisURI.create(redisUrl);
		uri.setTimeout(Duration.ofSeconds(1));
		RedisClient client = RedisClient.create(uri);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return "PONG".equals(connection.sync().ping());
		}
		catch (RuntimeException ex) {
			return false;
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		}
	}

	private static String startOwn() {
		Private redis = startPrivate();
		Runtime.getRuntime().addShutdownHook(new Thread(redis::stop));
		return redis.url();
	}

	/** Deletes every key under a prefix, with SCAN (test clean-up only). */
	public static void deleteKeys(String redisUrl, String prefix) {
		RedisClient client = RedisClient.create(redisUrl);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			ScanCursor cursor = ScanCursor.INITIAL;
			do {
				KeyScanCursor<String> page = connection.sync().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1000));
				List<String> keys = page.getKeys();
				if (!keys.isEmpty()) {
					connection.sync().unlink(keys.toArray(String[]::new));
				}
				cursor = page;
			}
			while (!cursor.isFinished());
		}
		catch (RuntimeException ex) {
			// best effort at shutdown
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		}
	}

	/** A Redis server owned by one test, on a fixed port so it can be restarted. */
	public static final class Private {

		private final int port;

		private final java.nio.file.Path dir;

		private RedisServer server;

		Private(int port, java.nio.file.Path dir) {
			this.port = port;
			this.dir = dir;
		}

		public synchronized void start() {
			try {
				ExecutableProvider executable;
				try {
					executable = ExecutableProvider.newExecutableInPath("redis-server");
				}
				catch (IOException ex) {
					executable = ExecutableProvider.newJarResourceProvider();
				}
				this.server = RedisServer.newRedisServer()
					.executableProvider(executable)
					.port(this.port)
					.setting("bind 127.0.0.1")
					.setting("save \"\"")
					.setting((this.dir != null) ? "appendonly yes" : "appendonly no")
					.setting("appendfsync always")
					.setting("dir " + ((this.dir != null) ? this.dir : System.getProperty("java.io.tmpdir")))
					.build();
				this.server.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		public synchronized void stop() {
			try {
				if (this.server != null) {
					this.server.stop();
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		public String url() {
			return "redis://127.0.0.1:" + this.port;
		}

	}

}
