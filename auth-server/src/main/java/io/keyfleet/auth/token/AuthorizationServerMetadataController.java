package io.keyfleet.auth.token;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.keyfleet.auth.KeyfleetServerProperties;

/**
 * Authorization server metadata (RFC 8414), listing only what this server does. Served
 * here rather than by Spring's metadata filter because that one insists on an
 * {@code authorization_endpoint} and a non-empty {@code response_types_supported}, and
 * Keyfleet has no authorization endpoint: RFC 8414 §2 omits the first when no grant uses
 * it, and the contract asks for {@code response_types_supported: []}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8414#section-3">RFC 8414 §3</a>
 */
@RestController
public class AuthorizationServerMetadataController {

	/** Client authentication methods served. */
	static final List<String> AUTH_METHODS = List.of("private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth",
			"client_secret_jwt", "client_secret_basic");

	private final KeyfleetServerProperties server;

	public AuthorizationServerMetadataController(KeyfleetServerProperties server) {
		this.server = server;
	}

	@GetMapping(path = "/.well-known/oauth-authorization-server", produces = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<Map<String, Object>> metadata() {
		String issuer = this.server.issuerUrl();
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("issuer", issuer);
		metadata.put("token_endpoint", issuer + "/oauth2/token");
		metadata.put("jwks_uri", issuer + "/oauth2/jwks");
		metadata.put("introspection_endpoint", issuer + "/oauth2/introspect");
		metadata.put("revocation_endpoint", issuer + "/oauth2/revoke");
		metadata.put("challenge_endpoint", issuer + "/oauth2/challenge");
		metadata.put("grant_types_supported", List.of("client_credentials"));
		metadata.put("response_types_supported", List.of());
		metadata.put("token_endpoint_auth_methods_supported", AUTH_METHODS);
		metadata.put("token_endpoint_auth_signing_alg_values_supported", List.of("ES256", "EdDSA", "RS256", "PS256", "HS256"));
		metadata.put("introspection_endpoint_auth_methods_supported", AUTH_METHODS);
		metadata.put("revocation_endpoint_auth_methods_supported", AUTH_METHODS);
		metadata.put("tls_client_certificate_bound_access_tokens", true);
		metadata.put("dpop_signing_alg_values_supported",
				List.of("ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "RS256", "RS384", "RS512"));
		Map<String, String> aliases = new LinkedHashMap<>();
		aliases.put("token_endpoint", issuer + "/oauth2/token");
		aliases.put("introspection_endpoint", issuer + "/oauth2/introspect");
		aliases.put("revocation_endpoint", issuer + "/oauth2/revoke");
		metadata.put("mtls_endpoint_aliases", aliases);
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic()).body(metadata);
	}

}
