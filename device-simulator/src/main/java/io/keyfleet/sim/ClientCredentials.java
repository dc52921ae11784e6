package io.keyfleet.sim;

import java.security.interfaces.ECPrivateKey;
import java.util.Objects;

import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;

/**
 * What a client holds to authenticate at the token endpoint: its id, its method, and the
 * private key (with an optional {@code kid}) or the secret that method needs.
 *
 * @param clientId the client id
 * @param method the authentication method
 * @param privateKey the EC P-256 key for {@code private_key_jwt}, else {@code null}
 * @param keyId the {@code kid} to put in the assertion header, or {@code null}
 * @param secret the client secret for the {@code client_secret_*} methods, else {@code null}
 */
public record ClientCredentials(ClientID clientId, ClientAuthMethod method, ECPrivateKey privateKey, String keyId,
		Secret secret) {

	public ClientCredentials {
		Objects.requireNonNull(clientId, "clientId cannot be null");
		Objects.requireNonNull(method, "method cannot be null");
		if (method.usesSecret() && secret == null) {
			throw new IllegalArgumentException(method + " needs a client secret");
		}
		if (method.usesKey() && privateKey == null) {
			throw new IllegalArgumentException(method + " needs a private key");
		}
	}

	public static ClientCredentials privateKeyJwt(String clientId, ECPrivateKey privateKey, String keyId) {
		return new ClientCredentials(new ClientID(clientId), ClientAuthMethod.PRIVATE_KEY_JWT, privateKey, keyId, null);
	}

	/**
	 * @param clientId the client id
	 * @return the credentials of a client that authenticates with the certificate of its TLS
	 * connection (RFC 8705 Section 2.1): only its id goes into the request
	 */
	public static ClientCredentials tlsClientAuth(String clientId) {
		return new ClientCredentials(new ClientID(clientId), ClientAuthMethod.TLS_CLIENT_AUTH, null, null, null);
	}

	public static ClientCredentials secret(String clientId, ClientAuthMethod method, String secret) {
		return new ClientCredentials(new ClientID(clientId), method, null, null, new Secret(secret));
	}

	/** Never prints the key or the secret. */
	@Override
	public String toString() {
		return "ClientCredentials[clientId=" + this.clientId + ", method=" + this.method + ", keyId=" + this.keyId
				+ "]";
	}

}
