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

import io.keyfleet.sim.binding.DPoPProofs;

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
		return call(method, url, accessToken, body, headers, null);
	}

	/**
	 * Calls with a DPoP-bound token when {@code dpop} is given: {@code Authorization: DPoP}
	 * and a fresh proof with {@code ath} (RFC 9449 Section 7.1). A resource server that
	 * demands a nonce answers {@code 401} with {@code error="use_dpop_nonce"} and a
	 * {@code DPoP-Nonce} header (Section 9): the call is made once more with it.
	 * @param method the HTTP method
	 * @param url the resource
	 * @param accessToken the access token
	 * @param body the request body, or {@code null}
	 * @param headers extra headers, e.g. {@code Content-Type}
	 * @param dpop the device's DPoP proofs, or {@code null} for a bearer token
	 * @return the answer, whatever its status
	 * @throws SimException when no answer could be had
	 */
	Answer call(String method, URI url, String accessToken, String body, Map<String, String> headers,
			DPoPProofs dpop) {
		Answer answer = send(method, url, accessToken, body, headers, dpop, null);
		String nonce = answer.header("dpop-nonce");
		if (dpop != null && answer.status() == 401 && nonce != null
				&& answer.headers().getOrDefault("www-authenticate", List.of()).stream()
					.anyMatch((challenge) -> challenge.contains("use_dpop_nonce"))) {
			return send(method, url, accessToken, body, headers, dpop, nonce);
		}
		return answer;
	}

	private Answer send(String method, URI url, String accessToken, String body, Map<String, String> headers,
			DPoPProofs dpop, String nonce) {
		HttpRequest.Builder request = HttpRequest.newBuilder(url)
			.timeout(this.timeout)
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		if (dpop != null) {
			request.header("Authorization", "DPoP " + accessToken)
				.header("DPoP", dpop.forResource(method, url, accessToken, nonce));
		}
		else {
			request.header("Authorization", "Bearer " + accessToken);
		}
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

		/**
		 * @param name a lower-case header name
		 * @return its first value, or {@code null}
		 */
		String header(String name) {
			List<String> values = this.headers.get(name);
			return (values != null && !values.isEmpty()) ? values.get(0) : null;
		}

	}

}
