package io.keyfleet.auth.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;

/**
 * The third-party OAuth client the integration tests drive the server with: the Nimbus
 * OAuth 2.0 SDK, over real TLS, trusting only the dev root CA.
 */
public final class OAuthClient {

	private final TestServer server;

	public OAuthClient(TestServer server) {
		this.server = server;
	}

	public URI tokenEndpoint() {
		return URI.create(this.server.url("/oauth2/token"));
	}

	public TokenResponse token(ClientAuthentication authentication, String scope, List<String> resources) {
		List<URI> resourceUris = (resources == null) ? null : resources.stream().map(URI::create).toList();
		TokenRequest request = new TokenRequest(tokenEndpoint(), authentication, new ClientCredentialsGrant(),
				(scope != null) ? Scope.parse(scope) : null, resourceUris, Map.of());
		return parseToken(send(request.toHTTPRequest()));
	}

	/** A token request with extra form parameters (attestation evidence, for example). */
	public TokenResponse token(ClientAuthentication authentication, Map<String, List<String>> parameters) {
		TokenRequest request = new TokenRequest(tokenEndpoint(), authentication, new ClientCredentialsGrant(), null,
				null, parameters);
		return parseToken(send(request.toHTTPRequest()));
	}

	public TokenResponse token(ClientAuthentication authentication) {
		return token(authentication, null, null);
	}

	/** The admin client's access token (scope fleet:admin, aud = issuer). */
	public String adminToken() {
		TokenResponse response = token(new ClientSecretBasic(new ClientID("fleet-admin"), new Secret(this.server.adminSecret())));
		return response.toSuccessResponse().getTokens().getAccessToken().getValue();
	}

	public TokenIntrospectionResponse introspect(ClientAuthentication authentication, String token) {
		TokenIntrospectionRequest request = new TokenIntrospectionRequest(URI.create(this.server.url("/oauth2/introspect")),
				authentication, new BearerAccessToken(token));
		try {
			return TokenIntrospectionResponse.parse(send(request.toHTTPRequest()));
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public HTTPResponse revoke(ClientAuthentication authentication, String token) {
		TokenRevocationRequest request = new TokenRevocationRequest(URI.create(this.server.url("/oauth2/revoke")),
				authentication, new BearerAccessToken(token));
		return send(request.toHTTPRequest());
	}

	public HTTPResponse send(HTTPRequest request) {
		request.setSSLSocketFactory(this.server.sslContext().getSocketFactory());
		request.setConnectTimeout(5000);
		request.setReadTimeout(20000);
		try {
			return request.send();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static TokenResponse parseToken(HTTPResponse response) {
		try {
			return TokenResponse.parse(response);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("not a token response: " + response.getStatusCode() + " " + response.getBody(), ex);
		}
	}

}
