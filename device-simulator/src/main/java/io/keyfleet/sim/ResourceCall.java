package io.keyfleet.sim;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * One call of a protected resource with an access token in the {@code Authorization}
 * header, the way RFC 6750 Section 2.1 says, over TLS trusting the given CA.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-2.1">RFC 6750 Section 2.1</a>
 */
final class ResourceCall {

	private final HttpClient client;

	private final Duration timeout;

	ResourceCall(SSLContext sslContext, Duration timeout) {
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.sslContext(sslContext)
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.timeout = timeout;
	}

	/**
	 * @param method the HTTP method
	 * @param url the resource
	 * @param accessToken the bearer token
	 * @param body the request body, or {@code null}
	 * @param headers extra headers, e.g. {@code Content-Type}
	 * @return the answer, whatever its status
	 * @throws SimException when no answer could be had
	 */
	Answer call(String method, URI url, String accessToken, String body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(url)
			.timeout(this.timeout)
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody())
			.header("Authorization", "Bearer " + accessToken);
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.headers().map(), response.body());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SimException("interrupted while calling " + url, ex);
		}
		catch (HttpTimeoutException ex) {
			throw new SimException("no answer from " + url + " in time", ex);
		}
		catch (SSLException ex) {
			throw new SimException("TLS with " + url.getAuthority() + " failed: "
					+ OneLineErrorHandler.oneLine(ex.getMessage())
					+ " (does --ca-file hold the CA of the server's certificate?)", ex);
		}
		catch (IOException ex) {
			String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
			throw new SimException("calling " + url + " failed: " + OneLineErrorHandler.oneLine(message), ex);
		}
		catch (IllegalArgumentException ex) {
			throw new SimException("cannot call " + url + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * What the resource server answered.
	 *
	 * @param status the HTTP status
	 * @param headers the response headers, by lower-case name
	 * @param body the body as text
	 */
	record Answer(int status, Map<String, List<String>> headers, String body) {
	}

}
