package io.keyfleet.auth.keys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The keyring as JSON, the form it has in Redis:
 * {@code {"version": 3, "keys": [{"kid", "state", "created_at", "activated_at", "retired_at",
 * "published_until", "public_jwk": {...}, "encrypted_private_key" | "token_label", "seeded"}]}}.
 * Times are RFC 3339 UTC. A private key appears only sealed by the key-encryption key.
 */
final class KeyringJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private KeyringJson() {
	}

	static String write(Keyring ring) {
		ObjectNode root = JSON.createObjectNode();
		root.put("version", ring.version());
		ArrayNode keys = root.putArray("keys");
		for (KeyringEntry entry : ring.entries()) {
			ObjectNode key = keys.addObject();
			key.put("kid", entry.kid());
			key.put("state", entry.state().wireName());
			key.put("created_at", time(entry.createdAt()));
			key.put("activated_at", time(entry.activatedAt()));
			key.put("retired_at", time(entry.retiredAt()));
			key.put("published_until", time(entry.publishedUntil()));
			key.set("public_jwk", JSON.readTree(entry.publicJwk()));
			if (entry.encryptedPrivateKey() != null) {
				key.put("encrypted_private_key", entry.encryptedPrivateKey());
			}
			if (entry.tokenLabel() != null) {
				key.put("token_label", entry.tokenLabel());
			}
			key.put("seeded", entry.seeded());
		}
		return JSON.writeValueAsString(root);
	}

	static Keyring read(String json) {
		try {
			JsonNode root = JSON.readTree(json);
			List<KeyringEntry> entries = new ArrayList<>();
			for (JsonNode key : root.required("keys")) {
				entries.add(new KeyringEntry(key.required("kid").asString(),
						KeyState.fromWire(key.required("state").asString()), instant(key, "created_at"),
						instant(key, "activated_at"), instant(key, "retired_at"), instant(key, "published_until"),
						key.required("public_jwk").toString(), text(key, "encrypted_private_key"),
						text(key, "token_label"), key.path("seeded").asBoolean(false)));
			}
			return new Keyring(root.required("version").asLong(), entries);
		}
		catch (JacksonException | IllegalArgumentException | java.time.DateTimeException ex) {
			// the message names the field, never a value: the value may be key material
			throw new IllegalStateException("the signing keyring in Redis is unreadable: " + ex.getClass().getSimpleName());
		}
	}

	private static String time(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	private static Instant instant(JsonNode key, String field) {
		String text = text(key, field);
		return (text != null) ? Instant.parse(text) : null;
	}

	private static String text(JsonNode key, String field) {
		JsonNode value = key.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

}
