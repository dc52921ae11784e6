package io.keyfleet.auth.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTPS client for the admin API and raw protocol requests (malformed bodies and
 * hand-made assertions that a well-behaved OAuth library would never send).
 */
public final class Http {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private final TestServer server;

	private final HttpClient client;

	public Http(TestServer server) {
		this(server, server.sslContext());
	}

	/** A client whose TLS context may present a client certificate. */
	public Http(TestServer server, javax.net.ssl.SSLContext tls) {
		this.server = server;
		this.client = HttpClient.newBuilder()
			.sslContext(tls)
			.connectTimeout(Duration.ofSeconds(5))
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	public Response get(String path, String token) {
		return send(builder(path, token).GET());
	}

	/** A GET whose body is binary (a CRL, an OCSP response). */
	public byte[] getBytes(String path) {
		try {
			return this.client.send(builder(path, null).GET().build(), HttpResponse.BodyHandlers.ofByteArray()).body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public Response postJson(String path, String token, String json) {
		return send(builder(path, token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	public Response post(String path, String token, String contentType, String body) {
		HttpRequest.Builder builder = builder(path, token).POST(HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			builder.header("Content-Type", contentType);
		}
		return send(builder);
	}

	public Response patch(String path, String token, String contentType, String json) {
		return send(builder(path, token).header("Content-Type", contentType)
			.method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
	}

	public Response putJson(String path, String token, String json) {
		return send(builder(path, token).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	public Response delete(String path, String token) {
		return send(builder(path, token).DELETE());
	}

	/** A form POST with optional HTTP Basic credentials (already encoded). */
	public Response form(String path, String basicAuthorization, String formBody) {
		return form(path, basicAuthorization, formBody, java.util.Map.of());
	}

	/** A form POST with optional HTTP Basic credentials and extra headers. */
	public Response form(String path, String basicAuthorization, String formBody, java.util.Map<String, String> headers) {
		HttpRequest.Builder builder = builder(path, null).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(formBody));
		if (basicAuthorization != null) {
			builder.header("Authorization", basicAuthorization);
		}
		headers.forEach(builder::header);
		return send(builder);
	}

	private HttpRequest.Builder builder(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.server.url(path))).timeout(Duration.ofSeconds(20));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	private Response send(HttpRequest.Builder builder) {
		try {
			HttpResponse<String> response = this.client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A response with its body parsed as JSON when it is JSON. */
	public record Response(HttpResponse<String> raw) {

		public int status() {
			return this.raw.statusCode();
		}

		public String body() {
			return this.raw.body();
		}

		public JsonNode json() {
			return JSON.readTree(this.raw.body());
		}

		public Optional<String> header(String name) {
			return this.raw.headers().firstValue(name);
		}

		public String contentType() {
			return header("Content-Type").orElse("");
		}

	}

}
