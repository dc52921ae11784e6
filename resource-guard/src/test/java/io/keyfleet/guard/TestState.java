package io.keyfleet.guard;

import java.time.Duration;

import io.keyfleet.guard.state.GuardKeys;

/**
 * Writes the guard-state keys exactly as the auth-server does (docs/guard-state.md): the
 * value, then a {@code PUBLISH} of the key's full name on {@code <p>guard:invalidate}.
 */
public final class TestState {

	private final String url;

	private final GuardKeys keys;

	public TestState(String url, String prefix) {
		this.url = url;
		this.keys = new GuardKeys(prefix);
	}

	/** The shared test Redis under this JVM's prefix. */
	public static TestState shared() {
		return new TestState(TestRedis.url(), TestRedis.prefix());
	}

	public GuardKeys keys() {
		return this.keys;
	}

	public void standing(String clientId, String status, String kind, long tokensRevokedAtMs,
			long attestationResetAtMs) {
		String json = "{\"status\":\"" + status + "\",\"kind\":\"" + kind + "\",\"tokens_revoked_at_ms\":"
				+ tokensRevokedAtMs + ",\"attestation_reset_at_ms\":" + attestationResetAtMs + "}";
		set(this.keys.standing(clientId), json, null);
	}

	/** An active device, never killed nor stepped up. */
	public void activeDevice(String id) {
		standing(id, "active", "device", 0, 0);
	}

	/** An active service client. */
	public void activeService(String id) {
		standing(id, "active", "service", 0, 0);
	}

	public void revokeToken(String jti) {
		set(this.keys.revoked(jti), "1", Duration.ofMinutes(10));
	}

	public void revokeCertificate(String thumbprint) {
		set(this.keys.certificateRevoked(thumbprint), "keyCompromise", Duration.ofMinutes(10));
	}

	public void revokeSigningKey(String kid) {
		set(this.keys.signingKeyRevoked(kid), "1", Duration.ofMinutes(10));
	}

	public void delete(String key) {
		try (TestRedis.Connection redis = TestRedis.connect(this.url)) {
			redis.sync().del(key);
			redis.sync().publish(this.keys.invalidationChannel(), key);
		}
	}

	/** Sets a key and announces it; {@code ttl} null for no expiry. */
	public void set(String key, String value, Duration ttl) {
		try (TestRedis.Connection redis = TestRedis.connect(this.url)) {
			if (ttl != null) {
				redis.sync().psetex(key, ttl.toMillis(), value);
			}
			else {
				redis.sync().set(key, value);
			}
			redis.sync().publish(this.keys.invalidationChannel(), key);
		}
	}

	/** Sets a key without announcing it (what a forgetful writer would do). */
	public void setSilently(String key, String value) {
		try (TestRedis.Connection redis = TestRedis.connect(this.url)) {
			redis.sync().set(key, value);
		}
	}

}
