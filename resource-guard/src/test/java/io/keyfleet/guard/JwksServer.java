package io.keyfleet.guard;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A real HTTP (or HTTPS) server on a free loopback port that publishes a JWK Set (public
 * keys only) at {@code /oauth2/jwks}, the way the Keyfleet auth-server does. The set can
 * be replaced while running (key rotation).
 */
public final class JwksServer implements AutoCloseable {

	private final HttpServer server;

	private final String scheme;

	private final AtomicReference<byte[]> body;

	private JwksServer(HttpServer server, String scheme, AtomicReference<byte[]> body) {
		this.server = server;
		this.scheme = scheme;
		this.body = body;
	}

	public static JwksServer start(JWKSet keys) {
		try {
			return serve(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), "http",
					keys);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Over TLS, with a certificate for {@code localhost}/{@code 127.0.0.1} issued by {@code ca}. */
	public static JwksServer startTls(JWKSet keys, TestCertificates.Issued ca) {
		try {
			TestCertificates.Issued certificate = TestCertificates.localhostServer(ca);
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setKeyEntry("server", certificate.keyPair().getPrivate(), "test".toCharArray(),
					new X509Certificate[] { certificate.certificate(), ca.certificate() });
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(store, "test".toCharArray());
			SSLContext tls = SSLContext.getInstance("TLS");
			tls.init(keyManagers.getKeyManagers(), null, null);
			HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.setHttpsConfigurator(new HttpsConfigurator(tls));
			return serve(server, "https", keys);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JwksServer serve(HttpServer server, String scheme, JWKSet keys) {
		AtomicReference<byte[]> body = new AtomicReference<>(bytes(keys));
		server.createContext("/oauth2/jwks", (exchange) -> {
			byte[] current = body.get();
			exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
			exchange.sendResponseHeaders(200, current.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(current);
			}
		});
		server.start();
		return new JwksServer(server, scheme, body);
	}

	/** Publishes another key set from now on (e.g. after a key rotation). */
	public void publish(JWKSet keys) {
		this.body.set(bytes(keys));
	}

	/** The base URL, used as the issuer in tests. */
	public String issuer() {
		return this.scheme + "://" + ("https".equals(this.scheme) ? "localhost" : "127.0.0.1") + ":"
				+ this.server.getAddress().getPort();
	}

	public String jwkSetUri() {
		return issuer() + "/oauth2/jwks";
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private static byte[] bytes(JWKSet keys) {
		return keys.toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8);
	}

}
