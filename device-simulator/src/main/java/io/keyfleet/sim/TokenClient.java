package io.keyfleet.sim;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;

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
		return requestToken(tokenEndpoint, credentials, scope, resources, Map.of());
	}

	/**
	 * Sends one token request with more form parameters, e.g. a device's attestation
	 * evidence ({@code attestation_format}, {@code attestation_evidence}).
	 * @param tokenEndpoint the token endpoint
	 * @param credentials how the client authenticates
	 * @param scope the requested scope, or {@code null} for the client's default
	 * @param resources the target resources, possibly empty
	 * @param parameters more form parameters, possibly empty
	 * @return the answer, success or OAuth error
	 * @throws SimException when no OAuth answer could be had
	 */
	public TokenEndpointResponse requestToken(URI tokenEndpoint, ClientCredentials credentials, Scope scope,
			List<URI> resources, Map<String, String> parameters) {
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
		HTTPResponse response = this.http.send(request.build().toHTTPRequest());
		return TokenEndpointResponse.parse(tokenEndpoint, response);
	}

}
