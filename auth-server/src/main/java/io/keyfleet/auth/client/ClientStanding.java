package io.keyfleet.auth.client;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The part of a client's registration that resource servers re-check on every request —
 * written to Redis as {@code {registry}:standing:<id>} together with the record, by the
 * same script, so the two never disagree. The format is part of the contract between the
 * auth-server and resource-guard (docs/guard-state.md):
 * <pre>{"status":"active","kind":"device","tokens_revoked_at_ms":0,"attestation_reset_at_ms":0}</pre>
 */
public final class ClientStanding {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ClientStanding() {
	}

	public static String json(ClientRecord record) {
		Map<String, Object> standing = new LinkedHashMap<>();
		standing.put("status", record.status().wireName());
		standing.put("kind", record.kind().wireName());
		standing.put("tokens_revoked_at_ms", (record.tokensRevokedAtMs() != null) ? record.tokensRevokedAtMs() : 0L);
		standing.put("attestation_reset_at_ms",
				(record.attestationResetAtMs() != null) ? record.attestationResetAtMs() : 0L);
		return JSON.writeValueAsString(standing);
	}

}
