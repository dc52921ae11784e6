package io.keyfleet.auth.keys;

import java.util.Locale;

/**
 * Where a token-signing key is in its life: published ahead of use, signing, published
 * until its last token has expired, or withdrawn at once because it was compromised.
 */
public enum KeyState {

	/** Published in the JWKS, signs nothing yet: becomes active at the next rotation. */
	NEXT,

	/** Signs every new access token; published. */
	ACTIVE,

	/** Signs nothing; published until every token it signed has expired. */
	RETIRED,

	/** Compromised: signs nothing, published nowhere, destroyed shortly. */
	REVOKED;

	/** The name on the wire and in Redis: {@code next}, {@code active}... */
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	static KeyState fromWire(String name) {
		return valueOf(name.toUpperCase(Locale.ROOT));
	}

}
