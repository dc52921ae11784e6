package io.keyfleet.auth.registration;

import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.keyfleet.auth.support.AuditCapture;
import io.keyfleet.auth.support.Harness;
import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.OAuthClient;
import io.keyfleet.auth.support.TestDevices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Device self-service key rotation through the RFC 7592 client configuration endpoint,
 * with real tokens and real keys: add a key with its proof, get a token with it, retire the
 * old one; each refusal next to the allowed case.
 */
class ClientConfigurationIntegrationTests {

	private final Harness harness = Harness.shared();

	@Test
	void getWhenOwnTokenForTheIssuerThenMetadataWithoutSecrets() throws Exception {
		Device device = device();

		Http.Response response = this.harness.http().get(path(device.id()), device.token());

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Cache-Control")).contains("no-store");
		JsonNode metadata = response.json();
		assertThat(metadata.get("client_id").asString()).isEqualTo(device.id());
		assertThat(metadata.get("token_endpoint_auth_method").asString()).isEqualTo("private_key_jwt");
		assertThat(metadata.get("jwks").get("keys")).hasSize(1);
		assertThat(metadata.get("scope").asString()).isEqualTo("telemetry:write config:read");
		assertThat(metadata.get("registration_client_uri").asString()).isEqualTo(uri(device.id()));
		assertThat(metadata.has("client_secret")).isFalse();
	}

	@Test
	void putWhenKeyAddedWithProofThenItGetsTokensAndRetiringTheOldOneKillsItsTokensAndAssertions() throws Exception {
		Device device = device();
		String oldToken = device.token();
		ECKey next = TestDevices.ecKey("k2");

		try (AuditCapture audit = AuditCapture.start()) {
			Http.Response added = put(device.id(), oldToken, metadata(device.id(), oldToken, device.key(), next),
					List.of(proof(next, device.id(), uri(device.id())), proof(device.key(), device.id(), uri(device.id()))));
			assertThat(added.status()).as(added.body()).isEqualTo(200);
			assertThat(added.json().get("jwks").get("keys")).hasSize(2);
			// adding retires nothing: the token used for it still works
			assertThat(this.harness.http().get(path(device.id()), oldToken).status()).isEqualTo(200);
			String newToken = token(device.id(), next);

			Http.Response retired = put(device.id(), newToken, metadata(device.id(), newToken, next),
					List.of(proof(next, device.id(), uri(device.id()))));

			assertThat(retired.status()).as(retired.body()).isEqualTo(200);
			assertThat(retired.json().get("jwks").get("keys")).singleElement()
				.satisfies(key -> assertThat(key.get("kid").asString()).isEqualTo("k2"));
			assertThat(audit.lines(device.id())).anyMatch(l -> l.startsWith("device.keys.add") && l.contains("kid=k2"))
				.anyMatch(l -> l.startsWith("device.keys.retire") && l.contains("kid=k1"));
		}
		// the kill switch: tokens from before the retirement are dead, the old key gets none
		assertUnauthorized(this.harness.http().get(path(device.id()), oldToken));
		TokenResponse oldKey = this.harness.oauth().token(auth(device.id(), device.key()));
		assertThat(oldKey.indicatesSuccess()).isFalse();
		assertThat(oldKey.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_client");
		assertThat(this.harness.http().get(path(device.id()), token(device.id(), next)).status()).isEqualTo(200);
	}

	@Test
	void putWhenNewKeyHasNoProofThenInvalidClientMetadataAndNothingChanges() throws Exception {
		Device device = device();
		String token = device.token();
		ECKey next = TestDevices.ecKey("k2");

		assertInvalid(put(device.id(), token, metadata(device.id(), token, device.key(), next),
				List.of(proof(device.key(), device.id(), uri(device.id())))));
		assertThat(keys(device.id(), token)).isEqualTo(1);
	}

	@Test
	void putWhenNoProofByARegisteredKeyThenInvalidClientMetadataSoAStolenTokenCannotSwapKeys() throws Exception {
		Device device = device();
		String token = device.token();
		ECKey attacker = TestDevices.ecKey("evil");
		String attackerProof = proof(attacker, device.id(), uri(device.id()));

		assertInvalid(put(device.id(), token, metadata(device.id(), token, attacker), List.of(attackerProof)));
		assertInvalid(put(device.id(), token, metadata(device.id(), token, device.key(), attacker), List.of(attackerProof)));

		assertThat(keys(device.id(), token)).isEqualTo(1);
		// the allowed twin: the device itself replaces its key in one step, proving both keys
		ECKey next = TestDevices.ecKey("k2");
		assertThat(put(device.id(), token, metadata(device.id(), token, next),
				List.of(proof(next, device.id(), uri(device.id())), proof(device.key(), device.id(), uri(device.id()))))
			.status()).isEqualTo(200);
	}

	@Test
	void putWhenProofSignedByAnotherKeyOrForAnotherAudienceThenInvalidClientMetadata() throws Exception {
		Device device = device();
		String token = device.token();
		ECKey next = TestDevices.ecKey("k2");
		ECKey impostor = TestDevices.ecKey("k2");
		Map<String, Object> body = metadata(device.id(), token, device.key(), next);
		String current = proof(device.key(), device.id(), uri(device.id()));

		assertInvalid(put(device.id(), token, body, List.of(proof(impostor, device.id(), uri(device.id())), current)));
		assertInvalid(put(device.id(), token, body, List.of(proof(next, device.id(), "https://elsewhere.example"), current)));
		assertInvalid(put(device.id(), token, body, List.of(proof(next, "another-device", uri(device.id())), current)));
		assertThat(keys(device.id(), token)).isEqualTo(1);
	}

	@Test
	void putWhenAnotherMemberDiffersThenInvalidClientMetadata() throws Exception {
		Device device = device();
		String token = device.token();
		Map<String, Object> body = metadata(device.id(), token, device.key());
		body.put("scope", "telemetry:write config:read fleet:admin");

		Http.Response response = put(device.id(), token, body, List.of());

		assertInvalid(response);
		assertThat(response.json().get("error_description").asString()).contains("scope");
	}

	@Test
	void putWhenTooManyKeysNoKeysOrAReusedKidThenInvalidClientMetadata() throws Exception {
		Device device = device();
		String token = device.token();
		ECKey k2 = TestDevices.ecKey("k2");
		ECKey k3 = TestDevices.ecKey("k3");
		ECKey k4 = TestDevices.ecKey("k4");
		String aud = uri(device.id());

		String current = proof(device.key(), device.id(), aud);

		assertInvalid(put(device.id(), token, metadata(device.id(), token, device.key(), k2, k3, k4),
				List.of(proof(k2, device.id(), aud), proof(k3, device.id(), aud), proof(k4, device.id(), aud), current)));
		assertInvalid(put(device.id(), token, metadata(device.id(), token), List.of(current)));
		ECKey sameKid = TestDevices.ecKey("k1");
		assertInvalid(put(device.id(), token, metadata(device.id(), token, sameKid),
				List.of(proof(sameKid, device.id(), aud), current)));
		assertThat(keys(device.id(), token)).isEqualTo(1);
		// the allowed twin: three keys
		assertThat(put(device.id(), token, metadata(device.id(), token, device.key(), k2, k3),
				List.of(proof(k2, device.id(), aud), proof(k3, device.id(), aud), current)).status()).isEqualTo(200);
	}

	@Test
	void putWhenSecretBasedDeviceSendsKeysThenInvalidClientMetadata() throws Exception {
		String id = TestDevices.newId("rot-secret");
		JsonNode registered = TestDevices.register(this.harness.http(), this.harness.admin(),
				TestDevices.standard(id, "client_secret_basic", null));
		ClientSecretBasic auth = new ClientSecretBasic(new ClientID(id), new Secret(registered.get("client_secret").asString()));
		String token = issuerToken(this.harness.oauth().token(auth, null, List.of(this.harness.server().issuer())));
		Map<String, Object> body = metadata(id, token);
		ECKey key = TestDevices.ecKey("k1");
		body.put("jwks", TestDevices.jwks(key));

		assertThat(this.harness.http().get(path(id), token).json().has("client_secret")).isFalse();
		assertInvalid(put(id, token, body, List.of(proof(key, id, uri(id)))));
	}

	@Test
	void getWhenAnotherDevicesTokenThenForbidden() throws Exception {
		Device device = device();
		Device other = device();

		Http.Response response = this.harness.http().get(path(device.id()), other.token());

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("insufficient_scope"));
	}

	@Test
	void getWhenNoTokenThenUnauthorizedWithBearerChallenge() {
		Http.Response response = this.harness.http().get(path("any-device"), null);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
	}

	@Test
	void getWhenTokenIsForAResourceServerNotTheIssuerThenUnauthorized() throws Exception {
		Device device = device();
		// the token a resource server sees must never be good for rotating the device's keys
		String resourceToken = issuerToken(this.harness.oauth().token(auth(device.id(), device.key())));

		assertUnauthorized(this.harness.http().get(path(device.id()), resourceToken));
	}

	@Test
	void tokenWhenIssuerRequestedWithAnotherResourceThenInvalidTarget() throws Exception {
		Device device = device();
		HTTPRequest request = new TokenRequest.Builder(this.harness.oauth().tokenEndpoint(),
				auth(device.id(), device.key()), new ClientCredentialsGrant())
			.resources(URI.create(this.harness.server().issuer()), URI.create(TestDevices.RESOURCE))
			.build()
			.toHTTPRequest();

		TokenResponse response = OAuthClient.parseToken(this.harness.oauth().send(request));

		// one token good both here and at a resource server could be replayed here by that server
		assertThat(response.indicatesSuccess()).isFalse();
		assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_target");
	}

	@Test
	void getWhenDeviceSuspendedThenUnauthorized() throws Exception {
		Device device = device();
		String token = device.token();
		assertThat(this.harness.http().post("/api/v1/devices/" + device.id() + "/suspend", this.harness.admin(), null, "")
			.status()).isEqualTo(204);

		assertUnauthorized(this.harness.http().get(path(device.id()), token));
	}

	@Test
	void getWhenDPoPBoundDeviceThenOnlyWithTheDPoPSchemeAndAProofOfItsKey() throws Exception {
		String id = TestDevices.newId("rot-dpop");
		ECKey key = TestDevices.ecKey("k1");
		Map<String, Object> registration = TestDevices.standard(id, "private_key_jwt", TestDevices.jwks(key));
		registration.put("dpop_bound_access_tokens", true);
		TestDevices.register(this.harness.http(), this.harness.admin(), registration);
		ECKey dpopKey = TestDevices.ecKey("dpop");
		DefaultDPoPProofFactory proofs = new DefaultDPoPProofFactory(dpopKey, JWSAlgorithm.ES256);
		HTTPRequest tokenRequest = new TokenRequest.Builder(this.harness.oauth().tokenEndpoint(), auth(id, key),
				new ClientCredentialsGrant()).resources(URI.create(this.harness.server().issuer())).build().toHTTPRequest();
		tokenRequest.setDPoP(proofs.createDPoPJWT("POST", this.harness.oauth().tokenEndpoint()));
		String token = issuerToken(OAuthClient.parseToken(this.harness.oauth().send(tokenRequest)));
		URI endpoint = URI.create(this.harness.server().url(path(id)));

		HTTPResponse withProof = dpopGet(endpoint, token, proofs.createDPoPJWT("GET", endpoint, new DPoPAccessToken(token)));
		HTTPResponse asBearer = bearerGet(endpoint, token);
		HTTPResponse otherKey = dpopGet(endpoint, token,
				new DefaultDPoPProofFactory(TestDevices.ecKey("other"), JWSAlgorithm.ES256).createDPoPJWT("GET", endpoint,
						new DPoPAccessToken(token)));

		assertThat(withProof.getStatusCode()).as(withProof.getBody()).isEqualTo(200);
		assertThat(withProof.getBodyAsJSONObject().get("dpop_bound_access_tokens")).isEqualTo(true);
		assertThat(asBearer.getStatusCode()).isEqualTo(401);
		assertThat(otherKey.getStatusCode()).isEqualTo(401);
	}

	// --- helpers ---

	private HTTPResponse dpopGet(URI endpoint, String token, SignedJWT proof) throws Exception {
		HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, endpoint.toURL());
		request.setAuthorization("DPoP " + token);
		request.setDPoP(proof);
		return this.harness.oauth().send(request);
	}

	private HTTPResponse bearerGet(URI endpoint, String token) throws Exception {
		HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, endpoint.toURL());
		request.setAuthorization("Bearer " + token);
		return this.harness.oauth().send(request);
	}

	private Device device() {
		String id = TestDevices.newId("rot");
		ECKey key = TestDevices.ecKey("k1");
		TestDevices.register(this.harness.http(), this.harness.admin(),
				TestDevices.standard(id, "private_key_jwt", TestDevices.jwks(key)));
		return new Device(id, key, this);
	}

	private String token(String id, ECKey key) throws Exception {
		return issuerToken(this.harness.oauth().token(auth(id, key), null, List.of(this.harness.server().issuer())));
	}

	private PrivateKeyJWT auth(String id, ECKey key) throws Exception {
		return new PrivateKeyJWT(new ClientID(id), this.harness.oauth().tokenEndpoint(), JWSAlgorithm.ES256,
				key.toECPrivateKey(), key.getKeyID(), null);
	}

	private static String issuerToken(TokenResponse response) {
		assertThat(response.indicatesSuccess())
			.as(() -> "token refused: " + response.toErrorResponse().getErrorObject().toJSONObject())
			.isTrue();
		return response.toSuccessResponse().getTokens().getAccessToken().getValue();
	}

	/** The metadata the endpoint shows, with {@code jwks} replaced by these keys. */
	private Map<String, Object> metadata(String id, String token, ECKey... keys) {
		Map<String, Object> body = new LinkedHashMap<>(
				Http.JSON.readValue(this.harness.http().get(path(id), token).body(), Map.class));
		body.remove("registration_client_uri");
		body.remove("client_id_issued_at");
		body.put("jwks", TestDevices.jwks(keys));
		return body;
	}

	private Http.Response put(String id, String token, Map<String, Object> body, List<String> proofs) {
		Map<String, Object> request = new LinkedHashMap<>(body);
		request.put("key_proofs", proofs);
		return this.harness.http().putJson(path(id), token, Http.JSON.writeValueAsString(request));
	}

	private int keys(String id, String token) {
		return this.harness.http().get(path(id), token).json().get("jwks").get("keys").size();
	}

	static String proof(ECKey key, String clientId, String audience) throws Exception {
		SignedJWT proof = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("kf-key-proof+jwt"))
					.keyID(key.getKeyID())
					.build(),
				new JWTClaimsSet.Builder().issuer(clientId)
					.audience(audience)
					.issueTime(Date.from(Instant.now()))
					.jwtID(UUID.randomUUID().toString())
					.build());
		proof.sign(new ECDSASigner(key));
		return proof.serialize();
	}

	private String uri(String id) {
		return this.harness.server().issuer() + "/oauth2/register/" + id;
	}

	private static String path(String id) {
		return "/oauth2/register/" + id;
	}

	private static void assertInvalid(Http.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_client_metadata");
	}

	private static void assertUnauthorized(Http.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("invalid_token"));
	}

	private record Device(String id, ECKey key, ClientConfigurationIntegrationTests test) {

		String token() throws Exception {
			return this.test.token(this.id, this.key);
		}

	}

}
