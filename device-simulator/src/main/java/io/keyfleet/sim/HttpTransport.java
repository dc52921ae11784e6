package io.keyfleet.sim;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.UnknownHostException;
import java.time.Duration;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;

/**
 * Sends Nimbus {@link HTTPRequest}s over TLS with one trust anchor and fixed timeouts, and
 * turns I/O failures into one-line {@link SimException}s. Connections are kept alive by
 * the JDK between requests to the same server, like devices that stay connected.
 */
public final class HttpTransport {

	private final SSLSocketFactory socketFactory;

	private final int timeoutMillis;

	private final PrintWriter trace;

	/**
	 * @param socketFactory trusts the server's CA
	 * @param timeout connect and read timeout
	 * @param trace where to write one line per exchange, or {@code null} for none
	 */
	public HttpTransport(SSLSocketFactory socketFactory, Duration timeout, PrintWriter trace) {
		this.socketFactory = socketFactory;
		this.timeoutMillis = Math.toIntExact(timeout.toMillis());
		this.trace = trace;
	}

	/**
	 * Sends the request. Any HTTP status is an answer; only a failure to get one throws.
	 * @param request the request
	 * @return the response
	 * @throws SimException when no HTTP response could be had
	 */
	public HTTPResponse send(HTTPRequest request) {
		request.setSSLSocketFactory(this.socketFactory);
		request.setConnectTimeout(this.timeoutMillis);
		request.setReadTimeout(this.timeoutMillis);
		request.setFollowRedirects(false);
		URL url = request.getURL();
		try {
			HTTPResponse response = request.send();
			trace(request.getMethod() + " " + url + " -> HTTP " + response.getStatusCode());
			return response;
		}
		catch (IOException ex) {
			trace(request.getMethod() + " " + url + " -> " + ex.getClass().getSimpleName());
			throw new SimException(describe(url, ex), ex);
		}
	}

	private void trace(String line) {
		if (this.trace != null) {
			this.trace.println("* " + line);
			this.trace.flush();
		}
	}

	static String describe(URL url, IOException ex) {
		String where = url.getHost() + ":" + ((url.getPort() != -1) ? url.getPort() : url.getDefaultPort());
		if (ex instanceof ConnectException || ex instanceof NoRouteToHostException) {
			return "cannot connect to " + where + " (" + rootMessage(ex) + "); is the auth-server running?";
		}
		if (ex instanceof UnknownHostException) {
			return "unknown host " + url.getHost();
		}
		if (ex instanceof SocketTimeoutException) {
			return "no answer from " + where + " in time (" + rootMessage(ex) + ")";
		}
		if (ex instanceof SSLException) {
			return "TLS with " + where + " failed: " + rootMessage(ex)
					+ " (does --ca-file hold the CA of the server's certificate?)";
		}
		return "request to " + url + " failed: " + ex.getClass().getSimpleName() + ": " + rootMessage(ex);
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return OneLineErrorHandler.oneLine(message);
	}

}
