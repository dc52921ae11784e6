package io.keyfleet.sim.load;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import javax.net.ssl.SSLException;

/**
 * Counts failed requests by kind, from many threads: an answer the server gave,
 * {@code http_<status>} followed by the OAuth error code when there is one (RFC 6749
 * Section 5.2, e.g. {@code http_429_slow_down}), or a failure to get one:
 * {@code connect_error}, {@code timeout}, {@code tls_error}, {@code connection_closed},
 * {@code bad_response} (not HTTP/1.1), {@code io_error}.
 */
public final class ErrorTally {

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	/**
	 * @param status the HTTP status
	 * @param errorCode the OAuth {@code error}, or {@code null}
	 * @param prefix "" for the token endpoint, "call_" for the called URL
	 */
	public void answer(String prefix, int status, String errorCode) {
		add(prefix + "http_" + status + ((errorCode != null) ? "_" + errorCode : ""));
	}

	/**
	 * @param prefix "" for the token endpoint, "call_" for the called URL
	 * @param failure why no answer came
	 */
	public void failure(String prefix, IOException failure) {
		add(prefix + kind(failure));
	}

	/**
	 * @param kind an error kind
	 */
	public void add(String kind) {
		this.counts.computeIfAbsent(kind, (key) -> new LongAdder()).increment();
	}

	/**
	 * @return the counts by kind, sorted by kind
	 */
	public Map<String, Long> snapshot() {
		Map<String, Long> snapshot = new TreeMap<>();
		this.counts.forEach((kind, count) -> snapshot.put(kind, count.sum()));
		return snapshot;
	}

	/**
	 * @return all errors counted
	 */
	public long total() {
		return this.counts.values().stream().mapToLong(LongAdder::sum).sum();
	}

	static String kind(IOException failure) {
		if (failure instanceof ConnectException || failure instanceof NoRouteToHostException
				|| failure instanceof UnknownHostException) {
			return "connect_error";
		}
		if (failure instanceof SocketTimeoutException) {
			return "timeout";
		}
		if (failure instanceof SSLException) {
			return "tls_error";
		}
		if (failure instanceof EOFException) {
			return "connection_closed";
		}
		if (failure instanceof MalformedResponseException) {
			return "bad_response";
		}
		return "io_error";
	}

}
