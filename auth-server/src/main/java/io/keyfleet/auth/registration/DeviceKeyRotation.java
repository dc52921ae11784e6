package io.keyfleet.auth.registration;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.client.AuthMethod;
import io.keyfleet.auth.client.ClientJwks;
import io.keyfleet.auth.client.ClientKind;
import io.keyfleet.auth.client.ClientNotFoundException;
import io.keyfleet.auth.client.ClientRecord;
import io.keyfleet.auth.client.ClientRegistry;

/**
 * A device replacing its own registered keys (RFC 7592 §2.2 update, {@code jwks} only):
 * keys it adds need a {@link KeyProofs key_proof}, and every change needs one more by a key
 * registered before it — so an access token alone, even stolen, cannot swap the device's
 * keys for an attacker's; at most {@link #MAX_KEYS} keys, each
 * with its own {@code kid}, of the types registration accepts, never none; a {@code kid}
 * keeps naming one key (a new key gets a new kid). Retiring a key is a kill switch: every
 * token issued before it dies, since tokens do not record which key obtained them and a
 * key may be retired because it leaked. One audit line per key added or retired.
 */
final class DeviceKeyRotation {

	/** Enough for the old key, the new one, and one spare during a rollover. */
	static final int MAX_KEYS = 3;

	private final ClientRegistry registry;

	private final KeyProofs proofs;

	private final AuditLog audit;

	DeviceKeyRotation(ClientRegistry registry, KeyProofs proofs, AuditLog audit) {
		this.registry = registry;
		this.proofs = proofs;
		this.audit = audit;
	}

	/**
	 * @param jwks the device's new key set (RFC 7517 JWK Set object)
	 * @param keyProofs the compact {@code key_proof} JWSs: one per key not registered yet,
	 * and at least one by a key registered now
	 * @param audience the registration's {@code registration_client_uri}
	 * @return the updated registration
	 * @throws InvalidClientMetadataException when the new key set breaks a rule
	 */
	ClientRecord replace(ClientRecord current, Object jwks, List<String> keyProofs, String audience, String address) {
		Map<String, JWK> keys = parse(jwks);
		Set<String> proven = prove(current.id(), keys, registered(current), keyProofs, audience);
		Map<String, Object> newJwks = new JWKSet(List.copyOf(keys.values())).toJSONObject(true);
		Change[] change = new Change[1];
		ClientRecord updated = this.registry.update(current.id(), record -> {
			requireRotatable(record);
			change[0] = Change.between(registered(record), keys);
			if (change[0].added().isEmpty() && change[0].retired().isEmpty()) {
				return record;
			}
			for (String kid : change[0].added()) {
				if (!proven.contains(kid)) {
					throw new InvalidClientMetadataException("key_proof_missing", "key " + kid + " is new: it needs a key_proof");
				}
			}
			if (registered(record).keySet().stream().noneMatch(proven::contains)) {
				throw new InvalidClientMetadataException("key_proof_missing",
						"a change of keys needs a key_proof by a key registered now");
			}
			ClientRecord next = record.withJwks(newJwks, this.registry.clock().instant());
			return change[0].retired().isEmpty() ? next
					: next.withTokensRevokedAt(this.registry.clock().millis(), this.registry.clock().instant());
		}).orElseThrow(() -> new ClientNotFoundException(ClientKind.DEVICE, current.id()));
		if (change[0] != null) {
			change[0].added().forEach(kid -> this.audit.deviceKeys(current.id(), "add", kid, "ok", address));
			change[0].retired().forEach(kid -> this.audit.deviceKeys(current.id(), "retire", kid, "ok", address));
		}
		return updated;
	}

	/** Only {@code private_key_jwt} devices hold keys here; certificate devices re-enroll over EST. */
	static void requireRotatable(ClientRecord record) {
		if (record.tokenEndpointAuthMethod() != AuthMethod.PRIVATE_KEY_JWT) {
			throw new InvalidClientMetadataException("not_private_key_jwt",
					"only private_key_jwt devices change jwks here; tls_client_auth devices renew their certificate "
							+ "with EST simplereenroll (RFC 7030 §4.2.2)");
		}
	}

	private static Map<String, JWK> parse(Object jwks) {
		if (!(jwks instanceof Map<?, ?> object)) {
			throw new InvalidClientMetadataException("jwks_invalid", "jwks must be a JWK Set object");
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> set = (Map<String, Object>) object;
		List<JWK> parsed;
		try {
			ClientJwks.parse(set); // the key types, sizes and curves registration accepts
			parsed = JWKSet.parse(set).getKeys();
		}
		catch (IllegalArgumentException | ParseException ex) {
			throw new InvalidClientMetadataException("jwks_invalid", "jwks is refused: " + ex.getMessage());
		}
		if (parsed.isEmpty()) {
			throw new InvalidClientMetadataException("jwks_empty", "a device cannot remove all of its keys");
		}
		if (parsed.size() > MAX_KEYS) {
			throw new InvalidClientMetadataException("too_many_keys", "at most " + MAX_KEYS + " keys");
		}
		Map<String, JWK> keys = new LinkedHashMap<>();
		for (JWK key : parsed) {
			if (key.getKeyID() == null || key.getKeyID().isBlank()) {
				throw new InvalidClientMetadataException("kid_missing", "every key needs a kid");
			}
			if (keys.put(key.getKeyID(), key) != null) {
				throw new InvalidClientMetadataException("kid_duplicate", "kid " + key.getKeyID() + " is used twice");
			}
		}
		return keys;
	}

	/** The kids whose proofs verify: by a key of the new set, or by a registered one. */
	private Set<String> prove(String id, Map<String, JWK> keys, Map<String, JWK> registered, List<String> keyProofs,
			String audience) {
		Set<String> proven = new LinkedHashSet<>();
		for (String proof : keyProofs) {
			String kid = KeyProofHeader.kid(proof);
			JWK key = keys.getOrDefault(kid, registered.get(kid));
			if (key == null) {
				throw new InvalidClientMetadataException("key_proof_invalid",
						"a key_proof names kid " + kid + ", which is neither in jwks nor registered");
			}
			this.proofs.verify(proof, key, id, audience);
			proven.add(kid);
		}
		return proven;
	}

	private static Map<String, JWK> registered(ClientRecord record) {
		Map<String, JWK> keys = new LinkedHashMap<>();
		if (record.jwks() != null) {
			try {
				JWKSet.parse(record.jwks()).getKeys().forEach(key -> keys.put(key.getKeyID(), key));
			}
			catch (ParseException ex) {
				throw new IllegalStateException("the registered jwks of " + record.id() + " is unreadable", ex);
			}
		}
		return keys;
	}

	/** The kids added and retired by a new key set; a kid never changes its key. */
	private record Change(List<String> added, List<String> retired) {

		static Change between(Map<String, JWK> before, Map<String, JWK> after) {
			List<String> added = new ArrayList<>();
			for (Map.Entry<String, JWK> key : after.entrySet()) {
				JWK old = before.get(key.getKey());
				if (old == null) {
					added.add(key.getKey());
				}
				else if (!thumbprint(old).equals(thumbprint(key.getValue()))) {
					throw new InvalidClientMetadataException("kid_reused",
							"kid " + key.getKey() + " names another registered key: give a new key a new kid");
				}
			}
			List<String> retired = before.keySet().stream().filter(kid -> !after.containsKey(kid)).toList();
			return new Change(added, retired);
		}

		/** RFC 7638 thumbprint: the key itself, whatever optional members came with it. */
		private static String thumbprint(JWK key) {
			try {
				return key.toPublicJWK().computeThumbprint().toString();
			}
			catch (JOSEException ex) {
				throw new InvalidClientMetadataException("jwks_invalid", "key " + key.getKeyID() + " is unusable");
			}
		}

	}

}
