package io.keyfleet.sim.anomaly;

import java.net.URI;

import javax.net.ssl.SSLSocketFactory;

import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import io.keyfleet.sim.attest.ChallengeClient;

/**
 * Where misbehaving devices send their requests, and how they connect.
 *
 * @param tokenEndpoint the token endpoint (RFC 6749 Section 3.2)
 * @param challengeEndpoint the challenge endpoint (CONTRACT "Challenge"), or {@code null}
 * @param revocationEndpoint the revocation endpoint (RFC 7009), or {@code null}
 * @param resourceServer the resource server's base URL (resource-sample)
 * @param socketFactory trusts the servers' CA
 * @param timeoutMillis connect and read timeout
 */
public record Endpoints(URI tokenEndpoint, URI challengeEndpoint, URI revocationEndpoint, URI resourceServer,
		SSLSocketFactory socketFactory, int timeoutMillis) {

	/**
	 * @param metadata the authorization server's metadata (RFC 8414)
	 * @param resourceServer the resource server's base URL
	 * @param socketFactory trusts the servers' CA
	 * @param timeoutMillis connect and read timeout
	 * @return the endpoints the metadata names
	 */
	public static Endpoints of(AuthorizationServerMetadata metadata, URI resourceServer, SSLSocketFactory socketFactory,
			int timeoutMillis) {
		return new Endpoints(metadata.getTokenEndpointURI(),
				metadata.getCustomURIParameter(ChallengeClient.METADATA_NAME), metadata.getRevocationEndpointURI(),
				resourceServer, socketFactory, timeoutMillis);
	}

	/**
	 * @param deviceId a device
	 * @return its configuration at the resource server, which only it may read (scope
	 * {@code config:read}, CONTRACT "Resource servers")
	 */
	public URI configUrl(String deviceId) {
		String base = this.resourceServer.toString();
		return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/devices/" + deviceId
				+ "/config");
	}

}
