package io.keyfleet.sim.load;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One kept-alive HTTP/1.1 connection over TLS, used by one worker thread at a time, like a
 * device that stays connected: opened on first use (TCP connect, TLS handshake with
 * hostname verification), reused for every following exchange, and reopened only after
 * the server closed it or an exchange failed. {@link #opened()} counts the handshakes, so
 * a load report shows that connections were reused.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9112#section-9.3">RFC 9112 Section 9.3 (persistence)</a>
 */
final class Http1Connection implements Closeable {

	private final SSLSocketFactory socketFactory;

	private final String host;

	private final int port;

	private final int timeoutMillis;

	private final InetAddress localAddress;

	private SSLSocket socket;

	private OutputStream out;

	private Http1ResponseReader reader;

	private int opened;

	Http1Connection(SSLSocketFactory socketFactory, URI target, int timeoutMillis) {
		this(socketFactory, target, timeoutMillis, null);
	}

	/**
	 * @param socketFactory the TLS socket factory
	 * @param target the server
	 * @param timeoutMillis connect and read timeout
	 * @param localAddress the source address to connect from (e.g. {@code 127.0.0.2}, which
	 * Linux routes over loopback like all of 127/8), so that the server sees the request come
	 * from another place; {@code null} for the system's choice
	 */
	Http1Connection(SSLSocketFactory socketFactory, URI target, int timeoutMillis, InetAddress localAddress) {
		this.socketFactory = socketFactory;
		this.host = target.getHost();
		this.port = (target.getPort() != -1) ? target.getPort() : 443;
		this.timeoutMillis = timeoutMillis;
		this.localAddress = localAddress;
	}

	/**
	 * Sends a complete request and reads its response.
	 * @param request the request bytes
	 * @return the response
	 * @throws IOException when the exchange failed; the connection is closed then
	 */
	Http1Response exchange(AsciiBuffer request) throws IOException {
		if (this.socket == null) {
			open();
		}
		try {
			this.out.write(request.array(), 0, request.length());
			this.out.flush();
			Http1Response response = this.reader.read();
			if (response.close()) {
				close();
			}
			return response;
		}
		catch (IOException | RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/**
	 * @return how many connections were opened (TLS handshakes) so far
	 */
	int opened() {
		return this.opened;
	}

	private void open() throws IOException {
		Socket plain = new Socket();
		try {
			plain.setTcpNoDelay(true);
			InetSocketAddress remote;
			if (this.localAddress != null) {
				plain.bind(new InetSocketAddress(this.localAddress, 0));
				remote = new InetSocketAddress(sameFamily(this.host, this.localAddress), this.port);
			}
			else {
				remote = new InetSocketAddress(this.host, this.port);
			}
			plain.connect(remote, this.timeoutMillis);
			plain.setSoTimeout(this.timeoutMillis);
			SSLSocket tls = (SSLSocket) this.socketFactory.createSocket(plain, this.host, this.port, true);
			SSLParameters parameters = tls.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 9110 4.3.4 / RFC 6125 name check
			tls.setSSLParameters(parameters);
			tls.startHandshake();
			this.socket = tls;
			this.out = tls.getOutputStream();
			this.reader = new Http1ResponseReader(tls.getInputStream());
			this.opened++;
		}
		catch (IOException | RuntimeException ex) {
			plain.close();
			throw ex;
		}
	}

	/**
	 * A socket bound to an IPv4 source cannot reach an IPv6 destination (and the other way
	 * round): {@code localhost} may resolve to both, so pick the one of the source's family.
	 */
	private static InetAddress sameFamily(String host, InetAddress local) throws IOException {
		boolean v4 = local instanceof Inet4Address;
		for (InetAddress candidate : InetAddress.getAllByName(host)) {
			if ((candidate instanceof Inet4Address) == v4) {
				return candidate;
			}
		}
		throw new IOException(host + " has no address of the family of the source address " + local.getHostAddress());
	}

	@Override
	public void close() {
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing a connection that failed: nothing to do
			}
			this.socket = null;
			this.out = null;
			this.reader = null;
		}
	}

}
