package io.keyfleet.auth.registration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.keyfleet.auth.client.ClientRecord;

/**
 * A registration as the client configuration endpoint shows it (RFC 7592 §3): RFC 7591 §2
 * client metadata (plus the RFC 8705 and RFC 9449 members Keyfleet registers), with
 * {@code client_id}, {@code client_id_issued_at} and {@code registration_client_uri}.
 * Never a secret or its hash: a device reads its configuration, it does not recover
 * credentials from it.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7592#section-3">RFC 7592 §3</a>
 */
final class ClientMetadata {

	/** Members a client must not send in an update (RFC 7592 §2.2). */
	static final Set<String> SERVER_MANAGED = Set.of("registration_access_token", "registration_client_uri",
			"client_secret_expires_at", "client_id_issued_at", "client_secret");

	/** The one member a device may change, and the extension carrying the proofs for it. */
	static final String JWKS = "jwks";

	static final String KEY_PROOFS = "key_proofs";

	private ClientMetadata() {
	}

	static Map<String, Object> of(ClientRecord record, String configurationUri) {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("client_id", record.id());
		metadata.put("client_id_issued_at", record.createdAt().getEpochSecond());
		metadata.put("token_endpoint_auth_method", record.tokenEndpointAuthMethod().wireName());
		metadata.put("grant_types", List.of("client_credentials"));
		if (!record.allowedScopes().isEmpty()) {
			metadata.put("scope", String.join(" ", record.allowedScopes()));
		}
		putIfPresent(metadata, JWKS, record.jwks());
		putIfPresent(metadata, "tls_client_auth_subject_dn", record.tlsClientAuthSubjectDn());
		putIfPresent(metadata, "tls_client_auth_san_uri", record.tlsClientAuthSanUri());
		putIfPresent(metadata, "tls_client_auth_san_dns", record.tlsClientAuthSanDns());
		metadata.put("dpop_bound_access_tokens", record.dpopBoundAccessTokens());
		metadata.put("tls_client_certificate_bound_access_tokens", record.tlsClientCertificateBoundAccessTokens());
		metadata.put("registration_client_uri", configurationUri);
		return metadata;
	}

	/**
	 * The first member in which an update differs from the registration, other than
	 * {@code jwks} — an update is the full metadata (RFC 7592 §2.2: an omitted member
	 * would be a deletion), and only the keys are the device's to change.
	 * @param update the request body, without {@code key_proofs}
	 * @param current {@link #of} the registration
	 * @return the differing member, or null when only {@code jwks} differs (or nothing)
	 */
	static String firstDifference(Map<String, Object> update, Map<String, Object> current) {
		for (String name : update.keySet()) {
			if (SERVER_MANAGED.contains(name)) {
				return name;
			}
		}
		Map<String, Object> expected = new LinkedHashMap<>(current);
		expected.keySet().removeAll(SERVER_MANAGED);
		expected.remove(JWKS);
		for (Map.Entry<String, Object> member : expected.entrySet()) {
			if (!Objects.equals(normalize(update.get(member.getKey())), normalize(member.getValue()))) {
				return member.getKey();
			}
		}
		for (String name : update.keySet()) {
			if (!JWKS.equals(name) && !expected.containsKey(name)) {
				return name;
			}
		}
		return null;
	}

	/** JSON numbers read back as Integer or Long: compare them by value. */
	private static Object normalize(Object value) {
		return (value instanceof Number number) ? number.longValue() : value;
	}

	private static void putIfPresent(Map<String, Object> metadata, String name, Object value) {
		if (value != null) {
			metadata.put(name, value);
		}
	}

}
