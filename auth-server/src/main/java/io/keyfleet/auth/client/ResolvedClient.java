package io.keyfleet.auth.client;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * A client record together with everything derived from it that the token endpoint
 * needs: the Spring {@link RegisteredClient} and the parsed verification keys. Built once
 * per record version and cached, so that no request parses a key.
 *
 * @param registeredClient null when the record cannot be used (a key that no longer
 * parses, a secret that no longer decrypts): such a client fails authentication
 * @param jwks the parsed public keys of a {@code private_key_jwt} or
 * {@code self_signed_tls_client_auth} client, else null
 */
public record ResolvedClient(ClientRecord record, RegisteredClient registeredClient, ClientJwks jwks) {

	public String id() {
		return this.record.id();
	}

	/** Whether the client may authenticate and get tokens right now. */
	public boolean usable() {
		return this.registeredClient != null && this.record.status().mayGetTokens();
	}

}
