package io.keyfleet.guard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTPS client for tests: trusts one CA, presents one client certificate (or none),
 * keeps connections alive, and sends requests with a Bearer or DPoP token.
 */
public final class GuardClient {

	private final HttpClient http;

	private final javax.net.ssl.SSLContext tls;

	private GuardClient(HttpClient http, javax.net.ssl.SSLContext tls) {
		this.http = http;
		this.tls = tls;
	}

	/** A client without a certificate. */
	public static GuardClient trusting(TestCertificates.Issued serverCa) {
		return presenting(serverCa, null);
	}

	/** A client that presents {@code certificate} when the server asks for one. */
	public static GuardClient presenting(TestCertificates.Issued serverCa, TestCertificates.Issued certificate) {
		return presenting(serverCa.certificate(), certificate);
	}

	/** A client trusting {@code anchor} that presents {@code certificate} (or none when {@code null}). */
	public static GuardClient presenting(java.security.cert.X509Certificate anchor,
			TestCertificates.Issued certificate) {
		javax.net.ssl.SSLContext tls = TestCertificates.clientContext(anchor, certificate);
		return new GuardClient(HttpClient.newBuilder()
			.sslContext(tls)
			.connectTimeout(Duration.ofSeconds(5))
			.version(HttpClient.Version.HTTP_1_1)
			.build(), tls);
	}

	public HttpResponse<String> get(String url, String authorization) {
		return send("GET", url, headers(authorization, null), null);
	}

	public HttpResponse<String> bearer(String method, String url, String token) {
		return send(method, url, headers("Bearer " + token, null), "{}");
	}

	public HttpResponse<String> dpop(String method, String url, String token, String proof) {
		return send(method, url, headers("DPoP " + token, proof), "{}");
	}

	public HttpResponse<String> send(String method, String url, Map<String, String> headers, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
		headers.forEach(request::header);
		if (body != null && !"GET".equals(method)) {
			request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A GET over a raw TLS socket to {@code port}, with a {@code Host} header of the
	 * caller's choice (the JDK client does not let one set it): how a request reaches a
	 * second node behind a load balancer, for the same URL.
	 * @return the status code and the whole response text
	 */
	public RawResponse rawGet(int port, String host, String path, Map<String, String> headers) {
		try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) this.tls.getSocketFactory()
			.createSocket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
			request.append("Host: ").append(host).append("\r\n");
			headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
			request.append("Connection: close\r\n\r\n");
			socket.getOutputStream().write(request.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			int status = Integer.parseInt(response.substring(9, 12));
			return new RawResponse(status, response);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A response read off a raw socket. */
	public record RawResponse(int status, String text) {
	}

	private static Map<String, String> headers(String authorization, String proof) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (authorization != null) {
			headers.put("Authorization", authorization);
		}
		if (proof != null) {
			headers.put("DPoP", proof);
		}
		return headers;
	}

}
