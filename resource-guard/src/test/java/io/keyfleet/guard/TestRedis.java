package io.keyfleet.guard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The Redis tests run against: the shared one at 127.0.0.1:6379 when it answers, else a
 * {@code redis-server} this JVM starts on a free port. Every test JVM gets its own key
 * prefix and deletes only its own keys at exit (never the whole database: the Redis is shared).
 * Tests that stop Redis start a {@link Private} one.
 */
public final class TestRedis {

	private static final String PREFIX = "kfg-" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private static volatile String url;

	private TestRedis() {
	}

	/** This JVM's key prefix, e.g. {@code kfg-1a2b3c4d:}. */
	public static String prefix() {
		return PREFIX;
	}

	public static synchronized String url() {
		if (url == null) {
			if (answers("127.0.0.1", 6379)) {
				url = "redis://127.0.0.1:6379";
			}
			else {
				Private own = Private.start();
				Runtime.getRuntime().addShutdownHook(new Thread(own::stop));
				url = own.url();
			}
			String cleanUp = url;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteKeys(cleanUp, PREFIX)));
		}
		return url;
	}

	/** A connection to the shared test Redis; close it. */
	public static Connection connect() {
		return connect(url());
	}

	public static Connection connect(String redisUrl) {
		RedisURI uri = RedisURI.create(redisUrl);
		uri.setTimeout(Duration.ofSeconds(2));
		RedisClient client = RedisClient.create(uri);
		return new Connection(client, client.connect());
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static boolean answers(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new java.net.InetSocketAddress(host, port), 500);
			socket.setSoTimeout(1000);
			socket.getOutputStream().write("PING\r\n".getBytes());
			byte[] reply = new byte[7];
			int read = socket.getInputStream().read(reply);
			return read > 0 && new String(reply, 0, read).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void deleteKeys(String redisUrl, String prefix) {
		RedisClient client = RedisClient.create(redisUrl);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			ScanCursor cursor = ScanCursor.INITIAL;
			do {
				KeyScanCursor<String> page = connection.sync().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1000));
				if (!page.getKeys().isEmpty()) {
					connection.sync().unlink(page.getKeys().toArray(String[]::new));
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

	/** A plain connection for tests to write the state as the auth-server would. */
	public static final class Connection implements AutoCloseable {

		private final RedisClient client;

		private final StatefulRedisConnection<String, String> connection;

		Connection(RedisClient client, StatefulRedisConnection<String, String> connection) {
			this.client = client;
			this.connection = connection;
		}

		public RedisCommands<String, String> sync() {
			return this.connection.sync();
		}

		@Override
		public void close() {
			this.connection.close();
			this.client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		}

	}

	/**
	 * A {@code redis-server} owned by one test, on a fixed free port so that it can be
	 * stopped and started again (in memory only: a restart forgets everything).
	 */
	public static final class Private {

		private final int port;

		private Process process;

		private Private(int port) {
			this.port = port;
		}

		public static Private start() {
			Private redis = new Private(freePort());
			redis.startAgain();
			return redis;
		}

		public synchronized void startAgain() {
			List<String> command = new ArrayList<>(List.of(executable(), "--port", Integer.toString(this.port),
					"--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"));
			try {
				Path dir = Files.createTempDirectory("kfg-redis-");
				command.addAll(List.of("--dir", dir.toString()));
				this.process = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(dir.resolve("redis.log").toFile())
					.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot start redis-server", ex);
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (!answers("127.0.0.1", this.port)) {
				if (System.nanoTime() > deadline || !this.process.isAlive()) {
					throw new IllegalStateException("redis-server did not start on port " + this.port);
				}
				sleep(20);
			}
		}

		public synchronized void stop() {
			if (this.process != null) {
				this.process.destroy();
				try {
					if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
						this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				this.process = null;
			}
		}

		public String url() {
			return "redis://127.0.0.1:" + this.port;
		}

		private static String executable() {
			for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
				File candidate = new File(dir, "redis-server");
				if (candidate.canExecute()) {
					return candidate.getPath();
				}
			}
			throw new IllegalStateException("redis-server is not on the PATH (the CI installs it)");
		}

		private static void sleep(long millis) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
