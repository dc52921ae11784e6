package io.keyfleet.auth.client;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * Token endpoint authentication methods a client can be registered with (RFC 7591 §2
 * {@code token_endpoint_auth_method} values).
 */
public enum AuthMethod {

	/** RFC 7523 §2.2 with the client's registered public keys. */
	PRIVATE_KEY_JWT("private_key_jwt", ClientAuthenticationMethod.PRIVATE_KEY_JWT, true, false),

	/** RFC 7523 §2.2 with a server-generated HMAC key (the pre-shared key of last resort). */
	CLIENT_SECRET_JWT("client_secret_jwt", ClientAuthenticationMethod.CLIENT_SECRET_JWT, true, true),

	/** RFC 6749 §2.3.1 with a server-generated secret, stored only as a hash. */
	CLIENT_SECRET_BASIC("client_secret_basic", ClientAuthenticationMethod.CLIENT_SECRET_BASIC, true, true),

	/** RFC 8705 §2.1: a certificate from a trusted CA with the registered subject DN or SAN. */
	TLS_CLIENT_AUTH("tls_client_auth", ClientAuthenticationMethod.TLS_CLIENT_AUTH, true, false),

	/** RFC 8705 §2.2: a self-signed certificate whose key is in the registered JWKS. */
	SELF_SIGNED_TLS_CLIENT_AUTH("self_signed_tls_client_auth", ClientAuthenticationMethod.SELF_SIGNED_TLS_CLIENT_AUTH,
			true, false);

	private final String wireName;

	private final ClientAuthenticationMethod springMethod;

	private final boolean served;

	private final boolean secretBased;

	AuthMethod(String wireName, ClientAuthenticationMethod springMethod, boolean served, boolean secretBased) {
		this.wireName = wireName;
		this.springMethod = springMethod;
		this.served = served;
		this.secretBased = secretBased;
	}

	@JsonValue
	public String wireName() {
		return this.wireName;
	}

	public ClientAuthenticationMethod springMethod() {
		return this.springMethod;
	}

	/** Whether this server authenticates clients with it today. */
	public boolean served() {
		return this.served;
	}

	/** Whether the client proves a key it registered in {@code jwks}. */
	public boolean usesJwks() {
		return this == PRIVATE_KEY_JWT || this == SELF_SIGNED_TLS_CLIENT_AUTH;
	}

	/** Whether the server generates a secret for it at registration. */
	public boolean secretBased() {
		return this.secretBased;
	}

	public static Optional<AuthMethod> fromWireName(String name) {
		return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
	}

}
