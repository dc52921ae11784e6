package io.keyfleet.auth.keys;

import java.util.List;
import java.util.Optional;

/**
 * The token-signing keys this node uses now: the active one that signs, and every key
 * published in the JWKS (active, next, retired still needed). A live view: when the
 * keyring changes (rotation on any node), {@link KeyringRefresher} swaps in the new keys,
 * and the encoder, the JWKS and this server's own token decoders see them on their next
 * call, without a restart.
 */
public final class SigningKeys {

	private volatile Snapshot current;

	public SigningKeys(SigningKey active, List<SigningKey> published) {
		this.current = new Snapshot(active, List.copyOf(published));
	}

	public SigningKey active() {
		return this.current.active();
	}

	/** The published keys, active first. */
	public List<SigningKey> published() {
		return this.current.published();
	}

	public Optional<SigningKey> byKid(String kid) {
		return this.current.published().stream().filter(k -> k.kid().equals(kid)).findFirst();
	}

	/** Replaces the keys at once (one volatile write: a reader sees the old or the new set). */
	void replace(SigningKey active, List<SigningKey> published) {
		this.current = new Snapshot(active, List.copyOf(published));
	}

	private record Snapshot(SigningKey active, List<SigningKey> published) {
	}

}
