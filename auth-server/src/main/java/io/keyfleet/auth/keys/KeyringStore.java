package io.keyfleet.auth.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;

import io.keyfleet.auth.store.RedisScript;
import io.keyfleet.auth.store.StateStore;

/**
 * The issuer's {@link Keyring} in Redis: one key, {@code <prefix>signing-keys:<issuer id>},
 * holding its JSON; changes are compare-and-set on the version in one Lua script that also
 * publishes a notice on {@code <prefix>signing-keys:changed}, so that every node reloads.
 *
 * <p>
 * The keyring is per issuer (the id is a hash of the issuer URL) because the issuer is what
 * a set of keys belongs to: the nodes of one deployment share it, while another deployment
 * sharing the Redis and the key prefix (or a test server on another port) keeps its own.
 */
public final class KeyringStore {

	private static final RedisScript COMPARE_AND_SET = RedisScript.fromClasspath("signing-keys-cas",
			ScriptOutputType.INTEGER);

	private final StateStore store;

	private final String key;

	private final String channel;

	public KeyringStore(StateStore store, String issuer) {
		this.store = store;
		this.key = store.key("signing-keys", issuerId(issuer));
		this.channel = store.key("signing-keys", "changed");
	}

	/** The stored keyring, or empty when the issuer has none yet. */
	public Optional<Keyring> read() {
		String json = this.store.await(this.store.async().get(this.key));
		return Optional.ofNullable(json).map(KeyringJson::read);
	}

	/**
	 * Stores {@code changed} if the stored keyring still has {@code changed.version() - 1}
	 * (or there is none and {@code changed} is version 1).
	 * @return whether it was stored; false when another change came first
	 */
	public boolean compareAndSet(Keyring changed) {
		Long result = this.store.await(COMPARE_AND_SET.<Long>run(this.store.async(), new String[] { this.key },
				Long.toString(changed.version() - 1), KeyringJson.write(changed), this.channel, this.key));
		return result != null && result == 1L;
	}

	/**
	 * Writes back a keyring this node knows when Redis has none (it lost the key: no
	 * persistence, a new instance), so the nodes keep agreeing on the same keys instead of
	 * a later start seeding new ones.
	 * @return whether it was stored; false when the store holds a keyring again
	 */
	public boolean restore(Keyring known) {
		Long result = this.store.await(COMPARE_AND_SET.<Long>run(this.store.async(), new String[] { this.key }, "0",
				KeyringJson.write(known), this.channel, this.key));
		return result != null && result == 1L;
	}

	/**
	 * Tells resource-guards to refuse tokens signed by {@code kid}: writes
	 * {@code <prefix>signing-key-revoked:<kid>} and names it on {@code guard:invalidate}
	 * (docs/guard-state.md).
	 */
	public void announceRevoked(String kid, Duration lifetime) {
		String guardKey = this.store.key("signing-key-revoked", kid);
		this.store.await(this.store.async().set(guardKey, "1", SetArgs.Builder.px(lifetime.toMillis())));
		this.store.await(this.store.async().publish(this.store.key("guard", "invalidate"), guardKey));
	}

	/** The pub/sub channel on which changes are announced. */
	public String channel() {
		return this.channel;
	}

	/** The Redis key of this issuer's keyring (also the message announcing its changes). */
	public String key() {
		return this.key;
	}

	private static String issuerId(String issuer) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(issuer.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
