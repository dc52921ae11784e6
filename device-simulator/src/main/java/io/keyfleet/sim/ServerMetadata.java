package io.keyfleet.sim;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;

/**
 * Discovers the authorization server's endpoints from its metadata, as any OAuth client
 * of the contract would, instead of assuming paths.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8414#section-3">RFC 8414 Section 3</a>
 */
public final class ServerMetadata {

	static final String WELL_KNOWN = "/.well-known/oauth-authorization-server";

	private ServerMetadata() {
	}

	/**
	 * Fetches and checks the metadata of the server whose issuer identifier is {@code issuer}.
	 * @param issuer the issuer identifier, without a trailing slash
	 * @param http the transport
	 * @return the metadata, whose issuer equals {@code issuer} and whose token endpoint is https
	 * @throws SimException when the metadata cannot be had or must not be used
	 */
	public static AuthorizationServerMetadata discover(URI issuer, HttpTransport http) {
		URL url = toUrl(metadataUri(issuer));
		HTTPResponse response = http.send(new HTTPRequest(HTTPRequest.Method.GET, url));
		if (response.getStatusCode() != 200) {
			throw new SimException("the server metadata at " + url + " answered HTTP " + response.getStatusCode()
					+ " (is " + issuer + " a Keyfleet auth-server?)");
		}
		AuthorizationServerMetadata metadata;
		try {
			metadata = AuthorizationServerMetadata.parse(response.getBodyAsJSONObject());
		}
		catch (ParseException ex) {
			throw new SimException("the server metadata at " + url + " is not RFC 8414 metadata: " + ex.getMessage(),
					ex);
		}
		// 3.3: the issuer MUST be identical to the one the well-known URL was built from
		if (!issuer.toString().equals(metadata.getIssuer().getValue())) {
			throw new SimException("the server metadata names issuer " + metadata.getIssuer() + ", not " + issuer
					+ " (RFC 8414 section 3.3); pass --server " + metadata.getIssuer());
		}
		URI tokenEndpoint = metadata.getTokenEndpointURI();
		if (tokenEndpoint == null) {
			throw new SimException("the server metadata at " + url + " has no token_endpoint");
		}
		if (!"https".equalsIgnoreCase(tokenEndpoint.getScheme())) {
			throw new SimException("the server's token_endpoint " + tokenEndpoint + " is not https; refusing to "
					+ "send client credentials to it");
		}
		return metadata;
	}

	/**
	 * The metadata URL: the well-known suffix goes between the host and the issuer's path.
	 * @param issuer the issuer identifier
	 * @return the metadata URL
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc8414#section-3.1">RFC 8414 Section 3.1</a>
	 */
	static URI metadataUri(URI issuer) {
		String path = (issuer.getRawPath() != null) ? issuer.getRawPath() : "";
		if (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		try {
			return new URI(issuer.getScheme() + "://" + issuer.getRawAuthority() + WELL_KNOWN + path);
		}
		catch (URISyntaxException ex) {
			throw new SimException("invalid issuer URL " + issuer + ": " + ex.getMessage(), ex);
		}
	}

	private static URL toUrl(URI uri) {
		try {
			return uri.toURL();
		}
		catch (MalformedURLException | IllegalArgumentException ex) {
			throw new SimException("invalid URL " + uri + ": " + ex.getMessage(), ex);
		}
	}

}
