package io.keyfleet.auth.keys;

import java.util.List;
import java.util.Optional;

/**
 * The token-signing keys this server knows: the active one that signs, and every key that
 * is published in the JWKS (the active key now; the next and retired keys once rotation
 * exists).
 */
public final class SigningKeys {

	private final SigningKey active;

	private final List<SigningKey> published;

	public SigningKeys(SigningKey active, List<SigningKey> published) {
		this.active = active;
		this.published = List.copyOf(published);
	}

	public SigningKey active() {
		return this.active;
	}

	public List<SigningKey> published() {
		return this.published;
	}

	public Optional<SigningKey> byKid(String kid) {
		return this.published.stream().filter(k -> k.kid().equals(kid)).findFirst();
	}

}
