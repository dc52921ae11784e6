package io.keyfleet.sim.load;

import java.net.URI;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.net.ssl.SSLSocketFactory;

/**
 * Kept-alive connections to one target for devices that present their own client
 * certificate (mutual TLS, RFC 8705): a connection carries one certificate, so it serves
 * one device only. Any worker takes an idle connection of the device it sends for, or
 * opens one, and gives it back after the exchange; a connection is used by one worker at
 * a time. A device therefore holds as many connections as workers ever served it at
 * once: about one per device when the fleet is larger than the concurrency, so a run
 * costs one TLS handshake per device and per target instead of one per worker.
 */
final class DeviceConnections implements AutoCloseable {

	private final URI target;

	private final int timeoutMillis;

	private final Map<String, Queue<Http1Connection>> idle = new ConcurrentHashMap<>();

	private final Queue<Http1Connection> all = new ConcurrentLinkedQueue<>();

	DeviceConnections(URI target, int timeoutMillis) {
		this.target = target;
		this.timeoutMillis = timeoutMillis;
	}

	/**
	 * @param deviceId a device with its own client certificate
	 * @param socketFactory presents that certificate
	 * @return a connection for it, to use and then {@link #release}
	 */
	Http1Connection take(String deviceId, SSLSocketFactory socketFactory) {
		Http1Connection connection = this.idle.computeIfAbsent(deviceId, (id) -> new ConcurrentLinkedQueue<>()).poll();
		if (connection == null) {
			connection = new Http1Connection(socketFactory, this.target, this.timeoutMillis);
			this.all.add(connection);
		}
		return connection;
	}

	/**
	 * @param deviceId the device the connection was taken for
	 * @param connection the connection, free again
	 */
	void release(String deviceId, Http1Connection connection) {
		this.idle.get(deviceId).add(connection);
	}

	/**
	 * @return the TLS handshakes of all these connections so far
	 */
	int opened() {
		return this.all.stream().mapToInt(Http1Connection::opened).sum();
	}

	@Override
	public void close() {
		this.all.forEach(Http1Connection::close);
	}

}
