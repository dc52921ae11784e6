package io.keyfleet.guard.standing;

import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * What the auth-server says about a client right now, as written to
 * {@code <p>{registry}:standing:<client_id>} (docs/guard-state.md):
 * <pre>{"status":"active","kind":"device","tokens_revoked_at_ms":0,"attestation_reset_at_ms":0}</pre>
 *
 * @param status {@code active}, {@code suspended}, {@code quarantined}, {@code pending} or {@code retired}
 * @param kind {@code device} or {@code service}
 * @param tokensRevokedAtMs the last kill switch (epoch ms, 0 = never): tokens issued at or before it are dead
 * @param attestationResetAtMs the last step-up (epoch ms, 0 = never): tokens issued at or before it carry no usable attestation
 */
public record ClientStanding(String status, String kind, long tokensRevokedAtMs, long attestationResetAtMs) {

	/** The only status in which a client's tokens are accepted. */
	public static final String ACTIVE = "active";

	/** The kind of a client that is not a device. */
	public static final String SERVICE = "service";

	public boolean isActive() {
		return ACTIVE.equals(this.status);
	}

	public boolean isService() {
		return SERVICE.equals(this.kind);
	}

	/**
	 * Reads the JSON the auth-server writes.
	 * @param json the key's value
	 * @return the standing
	 * @throws IllegalArgumentException when the value is not such a JSON object
	 */
	public static ClientStanding parse(String json) {
		try {
			Map<String, Object> object = JSONObjectUtils.parse(json);
			Object status = object.get("status");
			Object kind = object.get("kind");
			if (!(status instanceof String) || !(kind instanceof String)) {
				throw new IllegalArgumentException("standing without status or kind");
			}
			return new ClientStanding((String) status, (String) kind, millis(object.get("tokens_revoked_at_ms")),
					millis(object.get("attestation_reset_at_ms")));
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("standing is not JSON: " + ex.getMessage(), ex);
		}
	}

	private static long millis(Object value) {
		if (value == null) {
			return 0;
		}
		if (value instanceof Number number) {
			return number.longValue();
		}
		throw new IllegalArgumentException("standing time is not a number: " + value);
	}

}
