package io.keyfleet.sim;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import io.keyfleet.sim.binding.DPoPProofs;

/**
 * Requests access tokens with the client credentials grant.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.4">RFC 6749 Section 4.4</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8707#section-2">RFC 8707 Section 2</a>
 */
public final class TokenClient {

	private final HttpTransport http;

	private final ClientCredentialsFactory credentialsFactory;

	public TokenClient(HttpTransport http, ClientCredentialsFactory credentialsFactory) {
		this.http = Objects.requireNonNull(http, "http cannot be null");
		this.credentialsFactory = Objects.requireNonNull(credentialsFactory, "credentialsFactory cannot be null");
	}

	/**
	 * Sends one token request.
	 * @param tokenEndpoint the token endpoint
	 * @param credentials how the client authenticates
	 * @param scope the requested scope, or {@code null} for the client's default
	 * @param resources the target resources, possibly empty
	 * @return the answer, success or OAuth error
	 * @throws SimException when no OAuth answer could be had
	 */
	public TokenEndpointResponse requestToken(URI tokenEndpoint, ClientCredentials credentials, Scope scope,
			List<URI> resources) {
		return requestToken(tokenEndpoint, credentials, scope, resources, null, Map::of);
	}

	/**
	 * Sends one token request, with a DPoP proof when {@code dpop} is given (RFC 9449
	 * Section 5), so that the token is DPoP-bound, and with more form parameters, e.g. a
	 * device's attestation evidence ({@code attestation_format}, {@code attestation_evidence}).
	 * A server that demands a DPoP nonce answers {@code 400 use_dpop_nonce} with a
	 * {@code DPoP-Nonce} header (Section 8): the request is sent once more, with a proof
	 * carrying that nonce, a new client assertion (its {@code jti} is single use) and the
	 * parameters asked for again, so that evidence over a single-use challenge is fresh
	 * whatever the server already consumed of the first request.
	 * @param tokenEndpoint the token endpoint
	 * @param credentials how the client authenticates
	 * @param scope the requested scope, or {@code null} for the client's default
	 * @param resources the target resources, possibly empty
	 * @param dpop the device's DPoP proofs, or {@code null} for a token that is not DPoP-bound
	 * @param parameters more form parameters (possibly none), asked for once per request sent
	 * @return the answer, success or OAuth error
	 * @throws SimException when no OAuth answer could be had
	 */
	public TokenEndpointResponse requestToken(URI tokenEndpoint, ClientCredentials credentials, Scope scope,
			List<URI> resources, DPoPProofs dpop, Supplier<Map<String, String>> parameters) {
		String nonce = null;
		for (int attempt = 1;; attempt++) {
			HTTPRequest request = build(tokenEndpoint, credentials, scope, resources, parameters.get());
			if (dpop != null) {
				request.setHeader("DPoP", dpop.forTokenRequest(tokenEndpoint, nonce));
			}
			HTTPResponse response = this.http.send(request);
			TokenEndpointResponse answer = TokenEndpointResponse.parse(tokenEndpoint, response);
			if (dpop == null || attempt > 1 || !isNonceChallenge(answer, response)) {
				return answer;
			}
			nonce = response.getDPoPNonce().getValue();
		}
	}

	private HTTPRequest build(URI tokenEndpoint, ClientCredentials credentials, Scope scope, List<URI> resources,
			Map<String, String> parameters) {
		ClientAuthentication clientAuthentication = this.credentialsFactory.create(credentials, tokenEndpoint);
		TokenRequest.Builder request = new TokenRequest.Builder(tokenEndpoint, clientAuthentication,
				new ClientCredentialsGrant());
		if (scope != null && !scope.isEmpty()) {
			request.scope(scope); // scope (OPTIONAL)
		}
		if (!resources.isEmpty()) {
			request.resources(resources.toArray(new URI[0])); // resource (OPTIONAL, repeatable)
		}
		parameters.forEach(request::customParameter);
		return request.build().toHTTPRequest();
	}

	private static boolean isNonceChallenge(TokenEndpointResponse answer, HTTPResponse response) {
		return answer.status() == 400 && "use_dpop_nonce".equals(answer.body().get("error"))
				&& response.getDPoPNonce() != null;
	}

}
