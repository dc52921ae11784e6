package io.keyfleet.sim;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real auth-server, started from its executable jar as a separate {@code java -jar}
 * process for the simulator-driven integration tests: dev mode (no
 * {@code KEYFLEET_REDIS_URL}, so it starts its own embedded Redis), a free port, and its
 * own temporary data directory, so nothing is shared with any other server. Ready when
 * {@code /actuator/health} answers 200 over TLS, trusting the dev root CA it wrote. Stopped
 * with {@link #close()} (TERM, then KILL), also by a shutdown hook should the test JVM
 * exit first; its children (the embedded Redis) too.
 *
 * <p>{@link #startResourceSample} starts resource-sample the same way, on the
 * auth-server's data directory, so that it shares its embedded Redis and dev CA (its dev
 * mode, CONTRACT "Ports and dev mode").
 *
 * <p>The jars' paths come from the system properties {@value #JAR_PROPERTY} and
 * {@value #SAMPLE_JAR_PROPERTY} (set by failsafe).
 */
final class AuthServerProcess implements AutoCloseable {

	static final String JAR_PROPERTY = "keyfleet.auth-server.jar";

	static final String SAMPLE_JAR_PROPERTY = "keyfleet.resource-sample.jar";

	private static final Duration STARTUP = Duration.ofSeconds(120);

	private final Process process;

	private final Path dataDirectory;

	private final Path log;

	private final int port;

	private final Thread shutdownHook;

	private AuthServerProcess(Process process, Path dataDirectory, Path log, int port) {
		this.process = process;
		this.dataDirectory = dataDirectory;
		this.log = log;
		this.port = port;
		this.shutdownHook = new Thread(this::stop, "auth-server-" + port + "-stop");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * @param name names the log file, target/it-logs/&lt;name&gt;.log
	 * @param properties extra {@code --name=value} arguments
	 * @return the started and ready server
	 */
	static AuthServerProcess start(String name, String... properties) throws Exception {
		String jar = jar(JAR_PROPERTY, "auth-server");
		Path dataDirectory = Files.createTempDirectory("keyfleet-it-" + name + "-");
		List<String> arguments = new ArrayList<>(List.of("--keyfleet.data-dir=" + dataDirectory.resolve("data")));
		arguments.addAll(List.of(properties));
		return launch(name, jar, dataDirectory, arguments);
	}

	/**
	 * Starts resource-sample in dev mode on this server's data directory: same Redis, same
	 * dev CA, this server as issuer. Its identifier (the tokens' {@code aud}) stays
	 * {@code https://localhost:8444} whatever port it listens on.
	 * @param name names the log file
	 * @param properties extra {@code --name=value} arguments
	 * @return the started and ready resource server; {@link #issuer()} is its base URL
	 */
	AuthServerProcess startResourceSample(String name, String... properties) throws Exception {
		String jar = jar(SAMPLE_JAR_PROPERTY, "resource-sample");
		List<String> arguments = new ArrayList<>(List.of("--keyfleet.data-dir=" + this.dataDirectory.resolve("data"),
				"--keyfleet.guard.issuer-uri=" + issuer()));
		arguments.addAll(List.of(properties));
		return launch(name, jar, this.dataDirectory, arguments);
	}

	private static String jar(String property, String module) {
		String jar = System.getProperty(property);
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			throw new IllegalStateException(module + " jar not found (" + property + "=" + jar
					+ "); build it first: ./mvnw -pl " + module + " -am package -DskipTests");
		}
		return jar;
	}

	private static AuthServerProcess launch(String name, String jar, Path dataDirectory, List<String> arguments)
			throws Exception {
		Path logs = Files.createDirectories(Path.of("target", "it-logs"));
		Path log = logs.resolve(name + ".log");
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar, "--server.port=" + port));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).directory(dataDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().keySet().removeIf((variable) -> variable.startsWith("KEYFLEET_"));
		AuthServerProcess server = new AuthServerProcess(builder.start(), dataDirectory, log, port);
		try {
			server.awaitReady();
		}
		catch (Exception | AssertionError ex) {
			server.close();
			throw ex;
		}
		return server;
	}

	/**
	 * @return the base URL: for the auth-server its issuer identifier
	 */
	String issuer() {
		return "https://localhost:" + this.port;
	}

	Path caFile() {
		return this.dataDirectory.resolve("data").resolve("ca").resolve("root.pem");
	}

	Path adminClientFile() {
		return this.dataDirectory.resolve("data").resolve("admin-client.json");
	}

	long pid() {
		return this.process.pid();
	}

	private void awaitReady() throws Exception {
		long deadline = System.nanoTime() + STARTUP.toNanos();
		HttpClient client = null;
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("the server exited with " + this.process.exitValue()
						+ " during startup; log " + this.log.toAbsolutePath() + ":\n" + logTail());
			}
			if (client == null && Files.isRegularFile(caFile()) && Files.isRegularFile(adminClientFile())) {
				client = HttpClient.newBuilder().sslContext(TlsContext.sslContext(caFile()))
					.connectTimeout(Duration.ofSeconds(2)).build();
			}
			if (client != null && healthy(client)) {
				return;
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("the server was not ready within " + STARTUP.toSeconds() + " s; log "
				+ this.log.toAbsolutePath() + ":\n" + logTail());
	}

	private boolean healthy(HttpClient client) throws InterruptedException {
		try {
			HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(issuer() + "/actuator/health"))
				.timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
	}

	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		stop();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down: the hook runs anyway
		}
	}

	private void stop() {
		List<ProcessHandle> children = this.process.descendants().toList();
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		for (ProcessHandle child : children) {
			if (child.isAlive()) {
				child.destroy();
				child.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally((ex) -> {
					child.destroyForcibly();
					return child;
				}).join();
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
