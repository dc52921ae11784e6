package io.keyfleet.guard.state;

import org.springframework.util.Assert;

/**
 * Names of the Redis keys a guard reads and writes, all under the deployment's key
 * prefix. The first four are the contract with the auth-server (docs/guard-state.md);
 * the DPoP ones belong to the guards alone (docs/resource-guard.md).
 */
public final class GuardKeys {

	private final String prefix;

	public GuardKeys(String prefix) {
		Assert.hasText(prefix, "prefix cannot be empty");
		this.prefix = prefix;
	}

	public String prefix() {
		return this.prefix;
	}

	/** {@code <p>{registry}:standing:<client_id>}: status, kind, kill switch, step-up. */
	public String standing(String clientId) {
		return this.prefix + "{registry}:standing:" + clientId;
	}

	/** {@code <p>revoked:<jti>}: present when the token was revoked (RFC 7009). */
	public String revoked(String jti) {
		return this.prefix + "revoked:" + jti;
	}

	/** {@code <p>cert-revoked:<x5t#S256>}: present when the certificate was revoked. */
	public String certificateRevoked(String thumbprint) {
		return this.prefix + "cert-revoked:" + thumbprint;
	}

	/**
	 * {@code <p>signing-key-revoked:<kid>}: present when the issuer withdrew a compromised
	 * signing key (its kid is the RFC 7638 thumbprint, unique across issuers).
	 */
	public String signingKeyRevoked(String kid) {
		return this.prefix + "signing-key-revoked:" + kid;
	}

	/**
	 * {@code <p>events}: the auth-server's events stream, where the guard appends
	 * {@code resource.denied} (docs/contract-as-built.md "Events stream").
	 */
	public String events() {
		return this.prefix + "events";
	}

	/** {@code <p>guard:invalidate}: the channel that names every changed key. */
	public String invalidationChannel() {
		return this.prefix + "guard:invalidate";
	}

	/** {@code <p>guard:dpop-jti:<hash>}: a DPoP proof {@code jti} already used at some guard. */
	public String dpopProof(String jtiHash) {
		return this.prefix + "guard:dpop-jti:" + jtiHash;
	}

	/** {@code <p>guard:dpop-nonce-key}: the HMAC key all guards derive DPoP nonces from. */
	public String dpopNonceKey() {
		return this.prefix + "guard:dpop-nonce-key";
	}

}
