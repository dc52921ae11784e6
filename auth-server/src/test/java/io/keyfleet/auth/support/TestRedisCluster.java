package io.keyfleet.auth.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real three-master Redis Cluster on free loopback ports, made with {@code redis-server}
 * and {@code redis-cli --cluster create} (both installed with Redis).
 */
public final class TestRedisCluster implements AutoCloseable {

	private final List<Process> nodes = new ArrayList<>();

	private final List<Integer> ports = new ArrayList<>();

	private TestRedisCluster() {
	}

	public static TestRedisCluster start() {
		TestRedisCluster cluster = new TestRedisCluster();
		try {
			Path dir = Files.createTempDirectory("keyfleet-cluster-");
			for (int i = 0; i < 3; i++) {
				int port = TestRedis.freePort();
				Path nodeDir = Files.createDirectories(dir.resolve("node-" + port));
				cluster.ports.add(port);
				cluster.nodes.add(new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind",
						"127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--dir",
						nodeDir.toString(), "--save", "", "--appendonly", "no")
					.redirectErrorStream(true)
					.redirectOutput(nodeDir.resolve("log").toFile())
					.start());
			}
			for (int port : cluster.ports) {
				waitFor(List.of("redis-cli", "-p", Integer.toString(port), "ping"), "PONG");
			}
			List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
			cluster.ports.forEach(p -> create.add("127.0.0.1:" + p));
			create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
			run(create);
			waitFor(List.of("redis-cli", "-p", Integer.toString(cluster.ports.get(0)), "cluster", "info"),
					"cluster_state:ok");
			return cluster;
		}
		catch (IOException ex) {
			cluster.close();
			throw new UncheckedIOException(ex);
		}
	}

	/** A seed URL (any node). */
	public String url() {
		return "redis://127.0.0.1:" + this.ports.get(0);
	}

	@Override
	public void close() {
		for (Process node : this.nodes) {
			node.destroy();
			try {
				if (!node.waitFor(5, TimeUnit.SECONDS)) {
					node.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				node.destroyForcibly();
			}
		}
	}

	private static void waitFor(List<String> command, String expected) throws IOException {
		for (int attempt = 0; attempt < 100; attempt++) {
			if (run(command).contains(expected)) {
				return;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted", ex);
			}
		}
		throw new IOException(String.join(" ", command) + " never answered " + expected);
	}

	private static String run(List<String> command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			String output = new String(process.getInputStream().readAllBytes());
			process.waitFor(30, TimeUnit.SECONDS);
			return output;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

}
