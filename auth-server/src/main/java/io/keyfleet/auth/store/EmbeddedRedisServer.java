package io.keyfleet.auth.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

import io.keyfleet.auth.devmode.DataDirectory;

/**
 * The dev-mode Redis: a {@code redis-server} child process bound to loopback, protected by
 * a generated password, persisting with AOF under {@code <data-dir>/redis/}. Its URL is
 * written to {@code <data-dir>/redis-url} so that other dev processes started from the
 * same directory (resource-sample, the simulator) share its state.
 *
 * <p>
 * Uses the {@code redis-server} on the {@code PATH} when there is one, otherwise the
 * binary bundled in the {@code embedded-redis} library, so that a machine with only a JDK
 * can run dev mode.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisServer.class);

	private final RedisServer server;

	private final String url;

	private EmbeddedRedisServer(RedisServer server, String url) {
		this.server = server;
		this.url = url;
	}

	/**
	 * Starts (or, when a previous run's server is still answering, reuses) the embedded
	 * Redis of a data directory.
	 */
	public static EmbeddedRedisServer startIn(DataDirectory dataDirectory) {
		try {
			Path redisDir = dataDirectory.privateDirectory("redis");
			Path urlFile = dataDirectory.path().resolve("redis-url");
			Optional<URI> previous = readUrl(urlFile);
			if (previous.isPresent() && answers(previous.get())) {
				log.warn("Reusing the embedded Redis still running on port {} from an earlier start",
						previous.get().getPort());
				return new EmbeddedRedisServer(null, previous.get().toString());
			}
			String password = previous.map(EmbeddedRedisServer::password).orElseGet(EmbeddedRedisServer::newPassword);
			int port = previous.map(URI::getPort).filter(EmbeddedRedisServer::isFree).orElseGet(EmbeddedRedisServer::freePort);
			RedisServer server = RedisServer.newRedisServer()
				.executableProvider(executable())
				.port(port)
				.setting("bind 127.0.0.1")
				.setting("protected-mode yes")
				.setting("dir " + redisDir.toAbsolutePath())
				.setting("appendonly yes")
				.setting("appendfsync everysec")
				.setting("save \"\"")
				.setting("requirepass " + password)
				.setting("daemonize no")
				.build();
			server.start();
			String url = "redis://default:" + password + "@127.0.0.1:" + port;
			dataDirectory.writePrivate(urlFile, url + "\n");
			log.info("Started embedded Redis on 127.0.0.1:{} (data in {})", port, redisDir.toAbsolutePath());
			return new EmbeddedRedisServer(server, url);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start the embedded Redis: " + ex.getMessage(), ex);
		}
	}

	public String url() {
		return this.url;
	}

	@Override
	public void close() {
		if (this.server != null) {
			try {
				this.server.stop();
			}
			catch (IOException ex) {
				log.warn("Embedded Redis did not stop cleanly: {}", ex.getMessage());
			}
		}
	}

	private static ExecutableProvider executable() {
		try {
			return ExecutableProvider.newExecutableInPath("redis-server");
		}
		catch (IOException ex) {
			return ExecutableProvider.newJarResourceProvider();
		}
	}

	private static Optional<URI> readUrl(Path urlFile) throws IOException {
		if (!Files.isRegularFile(urlFile)) {
			return Optional.empty();
		}
		try {
			URI uri = URI.create(Files.readString(urlFile, StandardCharsets.UTF_8).trim());
			return (uri.getPort() > 0 && password(uri) != null) ? Optional.of(uri) : Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static String password(URI uri) {
		String userInfo = uri.getUserInfo();
		int colon = (userInfo != null) ? userInfo.indexOf(':') : -1;
		return (colon >= 0) ? userInfo.substring(colon + 1) : null;
	}

	private static boolean answers(URI url) {
		if (isFree(url.getPort())) {
			return false;
		}
		RedisURI uri = RedisURI.create(url.toString());
		uri.setTimeout(Duration.ofSeconds(1));
		RedisClient client = RedisClient.create(uri);
		try (var connection = client.connect()) {
			return "PONG".equals(connection.sync().ping());
		}
		catch (RuntimeException ex) {
			return false;
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		}
	}

	private static boolean isFree(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String newPassword() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
