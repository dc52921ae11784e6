package io.keyfleet.guard;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a free loopback port that publishes a JWK Set (public keys only)
 * at {@code /oauth2/jwks}, the way the Keyfleet auth-server does.
 */
public final class JwksServer implements AutoCloseable {

	private final HttpServer server;

	private JwksServer(HttpServer server) {
		this.server = server;
	}

	public static JwksServer start(JWKSet keys) {
		byte[] body = keys.toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8);
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/oauth2/jwks", (exchange) -> {
				exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			return new JwksServer(server);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The base URL, used as the issuer in tests. */
	public String issuer() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public String jwkSetUri() {
		return issuer() + "/oauth2/jwks";
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
