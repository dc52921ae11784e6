package io.keyfleet.auth.token;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 8414 metadata and the JWKS, as the contract lists them. */
class AuthorizationServerMetadataIntegrationTests {

	private final TestServer server = TestServer.shared();

	private final Http http = new Http(this.server);

	@Test
	void metadataWhenRequestedThenListsWhatTheServerDoes() {
		JsonNode metadata = this.http.get("/.well-known/oauth-authorization-server", null).json();

		assertThat(metadata.get("issuer").asString()).isEqualTo(this.server.issuer());
		assertThat(metadata.get("token_endpoint").asString()).isEqualTo(this.server.issuer() + "/oauth2/token");
		assertThat(metadata.get("jwks_uri").asString()).isEqualTo(this.server.issuer() + "/oauth2/jwks");
		assertThat(metadata.get("introspection_endpoint").asString()).endsWith("/oauth2/introspect");
		assertThat(metadata.get("revocation_endpoint").asString()).endsWith("/oauth2/revoke");
		assertThat(metadata.get("challenge_endpoint").asString()).endsWith("/oauth2/challenge");
		assertThat(strings(metadata.get("grant_types_supported"))).containsExactly("client_credentials");
		assertThat(metadata.get("response_types_supported").isArray()).isTrue();
		assertThat(metadata.get("response_types_supported").size()).isZero();
		assertThat(metadata.has("authorization_endpoint")).isFalse();
		assertThat(strings(metadata.get("token_endpoint_auth_methods_supported"))).contains("private_key_jwt",
				"client_secret_jwt", "client_secret_basic");
		assertThat(strings(metadata.get("token_endpoint_auth_signing_alg_values_supported"))).contains("ES256", "EdDSA",
				"RS256", "PS256", "HS256");
		assertThat(metadata.has("dpop_signing_alg_values_supported")).isTrue();
		assertThat(metadata.get("mtls_endpoint_aliases").get("token_endpoint").asString()).endsWith("/oauth2/token");
	}

	@Test
	void metadataWhenRequestedThenCacheableForFiveMinutes() {
		assertThat(this.http.get("/.well-known/oauth-authorization-server", null).header("Cache-Control"))
			.hasValueSatisfying(v -> assertThat(v).contains("max-age=300"));
	}

	@Test
	void protectedResourceMetadataWhenRequestedThenDescribesTheAdminApi() {
		JsonNode metadata = this.http.get("/.well-known/oauth-protected-resource", null).json();

		assertThat(metadata.get("resource").asString()).isEqualTo(this.server.issuer());
		assertThat(strings(metadata.get("authorization_servers"))).containsExactly(this.server.issuer());
		assertThat(strings(metadata.get("scopes_supported"))).containsExactly("fleet:admin");
	}

	@Test
	void jwksWhenRequestedThenKidIsTheRfc7638Thumbprint() throws Exception {
		var key = com.nimbusds.jose.jwk.JWKSet.parse(this.http.get("/oauth2/jwks", null).body()).getKeys().get(0);

		assertThat(key.getKeyID()).isEqualTo(key.computeThumbprint().toString());
	}

	@Test
	void jwksWhenRequestedThenEveryKeyHasKidUseAndAlgAndNoPrivatePart() {
		JsonNode keys = this.http.get("/oauth2/jwks", null).json().get("keys");

		assertThat(keys.size()).isGreaterThanOrEqualTo(1);
		keys.forEach(key -> {
			assertThat(key.get("kid").asString()).isNotBlank();
			assertThat(key.get("use").asString()).isEqualTo("sig");
			assertThat(key.get("alg").asString()).isEqualTo("ES256");
			assertThat(key.has("d")).isFalse();
		});
	}

	@Test
	void unservedAuthorizationServerEndpointsWhenRequestedThenNotFound() {
		assertThat(this.http.get("/oauth2/authorize?response_type=code&client_id=x", null).status()).isEqualTo(404);
		assertThat(this.http.post("/oauth2/device_authorization", null, "application/x-www-form-urlencoded", "client_id=x")
			.status()).isEqualTo(404);
	}

	@Test
	void malformedRequestsWhenSentThenProtocolErrorsNeverHtmlOrServerErrors() {
		Http.Response badPercent = this.http.form("/oauth2/token", null, "grant_type=%zz&client_id=%");
		Http.Response encodedSlash = this.http.get("/api/v1/devices/a%2Fb", null);
		Http.Response unknownPath = this.http.get("/no/such/thing", null);

		assertThat(badPercent.status()).isEqualTo(400);
		assertThat(badPercent.json().get("error").asString()).isEqualTo("invalid_request");
		assertThat(encodedSlash.status()).isEqualTo(400);
		assertThat(encodedSlash.contentType()).startsWith("application/problem+json");
		assertThat(unknownPath.status()).isEqualTo(404);
		assertThat(unknownPath.json().get("type").asString()).isEqualTo("https://keyfleet.io/problems/not-found");
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach(v -> values.add(v.asString()));
		return values;
	}

}
