package io.keyfleet.auth.token;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretJWT;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.keyfleet.auth.support.ClientAssertions;
import io.keyfleet.auth.support.Harness;
import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.OAuthClient;
import io.keyfleet.auth.support.TestDevices;
import io.keyfleet.auth.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token endpoint end to end: a real server on real TLS, the real Redis, driven by the
 * Nimbus OAuth 2.0 SDK (and by hand-made requests for what no good client sends).
 */
class TokenEndpointIntegrationTests {

	private static TestServer server;

	private static Http http;

	private static OAuthClient oauth;

	private static String admin;

	@BeforeAll
	static void start() {
		Harness harness = Harness.shared();
		server = harness.server();
		http = harness.http();
		oauth = harness.oauth();
		admin = harness.admin();
	}

	@Test
	void tokenWhenPrivateKeyJwtEs256ThenRfc9068AccessToken() throws Exception {
		ECKey key = TestDevices.ecKey("k1");
		String id = register("private_key_jwt", TestDevices.jwks(key));
		PrivateKeyJWT auth = new PrivateKeyJWT(new ClientID(id), oauth.tokenEndpoint(), JWSAlgorithm.ES256,
				key.toECPrivateKey(), "k1", null);

		AccessTokenResponse response = success(oauth.token(auth, "telemetry:write", List.of(TestDevices.RESOURCE)));

		assertThat(response.getTokens().getAccessToken().getLifetime()).isEqualTo(300);
		assertThat(response.getTokens().getAccessToken().getScope().toString()).isEqualTo("telemetry:write");
		SignedJWT jwt = SignedJWT.parse(response.getTokens().getAccessToken().getValue());
		assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		JWKSet jwks = JWKSet.parse(http.get("/oauth2/jwks", null).body());
		ECKey signingKey = (ECKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(signingKey).isNotNull();
		assertThat(jwt.verify(new ECDSAVerifier(signingKey))).isTrue();
		var claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(server.issuer());
		assertThat(claims.getSubject()).isEqualTo(id);
		assertThat(claims.getAudience()).containsExactly(TestDevices.RESOURCE);
		assertThat(claims.getStringClaim("client_id")).isEqualTo(id);
		assertThat(claims.getStringClaim("scope")).isEqualTo("telemetry:write");
		assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(300_000);
		assertThat(UUID.fromString(claims.getJWTID()).version()).isEqualTo(7);
	}

	@Test
	void tokenWhenSuccessfulThenResponseIsNotCached() {
		Registered device = privateKeyDevice();

		Http.Response response = http.form("/oauth2/token", null, device.assertionForm());

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
		assertThat(response.contentType()).startsWith("application/json");
	}

	@Test
	void tokenWhenDpopProofSentThenDpopBoundToken() throws Exception {
		Registered device = privateKeyDevice();
		ECKey proofKey = TestDevices.ecKey("dpop");
		com.nimbusds.oauth2.sdk.dpop.DPoPProofFactory proofs = new com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory(
				proofKey, JWSAlgorithm.ES256);
		com.nimbusds.oauth2.sdk.TokenRequest request = new com.nimbusds.oauth2.sdk.TokenRequest(oauth.tokenEndpoint(),
				device.auth(), new com.nimbusds.oauth2.sdk.ClientCredentialsGrant());
		com.nimbusds.oauth2.sdk.http.HTTPRequest httpRequest = request.toHTTPRequest();
		httpRequest.setDPoP(proofs.createDPoPJWT("POST", oauth.tokenEndpoint()));

		AccessTokenResponse response = success(OAuthClient.parseToken(oauth.send(httpRequest)));

		assertThat(response.getTokens().getAccessToken().getType().getValue()).isEqualTo("DPoP");
		var cnf = SignedJWT.parse(response.getTokens().getAccessToken().getValue()).getJWTClaimsSet().getJSONObjectClaim("cnf");
		assertThat(cnf.get("jkt")).isEqualTo(proofKey.computeThumbprint().toString());
	}

	@Test
	void tokenWhenAssertionTypedAsAccessTokenThenInvalidClient() throws Exception {
		Registered device = privateKeyDevice();
		SignedJWT typed = new SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1")
			.type(new com.nimbusds.jose.JOSEObjectType("at+jwt")).build(),
				ClientAssertions.forClient(device.id(), server.issuer()).claims());
		typed.sign(new com.nimbusds.jose.crypto.ECDSASigner(device.key()));

		assertThat(assertionRequest(typed.serialize()).status()).isEqualTo(401);
	}

	@Test
	void tokenWhenEdDsaUnderItsFullySpecifiedNameEd25519ThenIssued() throws Exception {
		OctetKeyPair key = TestDevices.ed25519Key("ed2");
		String id = register("private_key_jwt", TestDevices.jwks(key));
		String header = java.util.Base64.getUrlEncoder().withoutPadding()
			.encodeToString("{\"alg\":\"Ed25519\",\"kid\":\"ed2\"}".getBytes(StandardCharsets.UTF_8));
		String renamed = ClientAssertions.forClient(id, server.issuer()).signedWithHeader(key, header);

		assertThat(assertionRequest(renamed).status()).isEqualTo(200);
	}

	@Test
	void tokenWhenPrivateKeyJwtEdDsaThenIssued() {
		OctetKeyPair key = TestDevices.ed25519Key("ed1");
		String id = register("private_key_jwt", TestDevices.jwks(key));
		String assertion = ClientAssertions.forClient(id, oauth.tokenEndpoint().toString()).signed(key);

		// the Nimbus SDK refuses to send EdDSA assertions, so this one goes by hand
		Http.Response response = assertionRequest(assertion);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("token_type").asString()).isEqualTo("Bearer");
	}

	@Test
	void tokenWhenPrivateKeyJwtRs256ThenIssued() throws Exception {
		RSAKey key = TestDevices.rsaKey("rsa1");
		String id = register("private_key_jwt", TestDevices.jwks(key));

		success(oauth.token(new PrivateKeyJWT(new ClientID(id), oauth.tokenEndpoint(), JWSAlgorithm.RS256,
				key.toRSAPrivateKey(), "rsa1", null)));
	}

	@Test
	void tokenWhenPrivateKeyJwtPs256ThenIssued() throws Exception {
		RSAKey key = TestDevices.rsaKey("rsa2");
		String id = register("private_key_jwt", TestDevices.jwks(key));
		String assertion = ClientAssertions.forClient(id, server.issuer()).signedPs256(key);

		success(oauth.token(new PrivateKeyJWT(SignedJWT.parse(assertion))));
	}

	@Test
	void tokenWhenClientSecretJwtThenIssued() throws Exception {
		JsonNode device = registerJson("client_secret_jwt", null);
		String id = device.get("id").asString();
		Secret secret = new Secret(device.get("client_secret").asString());

		success(oauth.token(new ClientSecretJWT(new ClientID(id), oauth.tokenEndpoint(), JWSAlgorithm.HS256, secret)));
	}

	@Test
	void tokenWhenClientSecretBasicThenIssuedWithAllRegisteredScopesAndResources() throws Exception {
		JsonNode device = registerJson("client_secret_basic", null);
		String id = device.get("id").asString();

		AccessTokenResponse response = success(
				oauth.token(new ClientSecretBasic(new ClientID(id), new Secret(device.get("client_secret").asString()))));

		var claims = SignedJWT.parse(response.getTokens().getAccessToken().getValue()).getJWTClaimsSet();
		assertThat(claims.getStringClaim("scope")).isEqualTo("telemetry:write config:read");
		assertThat(claims.getAudience()).containsExactly(TestDevices.RESOURCE, TestDevices.OTHER_RESOURCE);
	}

	@Test
	void tokenWhenSeveralResourcesThenAudienceIsExactlyThem() throws Exception {
		Registered device = privateKeyDevice();

		AccessTokenResponse response = success(oauth.token(device.auth(), null,
				List.of(TestDevices.OTHER_RESOURCE, TestDevices.RESOURCE)));

		var claims = SignedJWT.parse(response.getTokens().getAccessToken().getValue()).getJWTClaimsSet();
		assertThat(claims.getAudience()).containsExactlyInAnyOrder(TestDevices.RESOURCE, TestDevices.OTHER_RESOURCE);
	}

	@Test
	void tokenWhenAssertionReplayedThenInvalidClient() throws Exception {
		Registered device = privateKeyDevice();
		String assertion = ClientAssertions.forClient(device.id(), server.issuer()).signed(device.key());

		success(oauth.token(new PrivateKeyJWT(SignedJWT.parse(assertion))));
		TokenErrorResponse replay = failure(oauth.token(new PrivateKeyJWT(SignedJWT.parse(assertion))));

		assertThat(replay.getErrorObject().getCode()).isEqualTo("invalid_client");
		assertThat(replay.getErrorObject().getHTTPStatusCode()).isEqualTo(401);
		assertThat(replay.getErrorObject().getDescription()).contains("jti");
	}

	@Test
	void tokenWhenAssertionReplayedAtAnotherNodeThenInvalidClient() throws Exception {
		Registered device = privateKeyDevice();
		String assertion = ClientAssertions.forClient(device.id(), server.issuer()).signed(device.key());
		try (TestServer second = TestServer.start(
				Map.of("keyfleet.data-dir", server.dataDir().toString(), "keyfleet.issuer", server.issuer()))) {
			OAuthClient secondNode = new OAuthClient(second);
			String sameIssuer = ClientAssertions.forClient(device.id(), server.issuer()).jti("shared-" + UUID.randomUUID())
				.signed(device.key());
			success(oauth.token(new PrivateKeyJWT(SignedJWT.parse(assertion))));
			success(secondNode.token(new PrivateKeyJWT(SignedJWT.parse(sameIssuer))));

			TokenErrorResponse replayedThere = failure(secondNode.token(new PrivateKeyJWT(SignedJWT.parse(sameIssuer))));
			TokenErrorResponse replayedAcross = failure(secondNode.token(new PrivateKeyJWT(SignedJWT.parse(assertion))));

			assertThat(replayedThere.getErrorObject().getCode()).isEqualTo("invalid_client");
			assertThat(replayedAcross.getErrorObject().getCode()).isEqualTo("invalid_client");
			assertThat(replayedAcross.getErrorObject().getDescription()).contains("jti");
		}
	}

	@Test
	void tokenWhenAlgNoneThenInvalidClient() {
		Registered device = privateKeyDevice();

		Http.Response response = assertionRequest(ClientAssertions.forClient(device.id(), server.issuer()).unsecured());

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_client");
	}

	@Test
	void tokenWhenHs256SignedWithThePublicKeyThenInvalidClient() {
		Registered device = privateKeyDevice();
		String publicKeyAsSecret = device.key().toPublicJWK().toJSONString();

		Http.Response response = assertionRequest(
				ClientAssertions.forClient(device.id(), server.issuer()).hs256(publicKeyAsSecret));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_client");
	}

	@Test
	void tokenWhenAssertionExpiredThenInvalidClient() throws Exception {
		Registered device = privateKeyDevice();
		String assertion = ClientAssertions.forClient(device.id(), server.issuer())
			.issuedAt(Instant.now().minus(Duration.ofMinutes(4)))
			.expiresAt(Instant.now().minus(Duration.ofMinutes(2)))
			.signed(device.key());

		assertInvalidClient(oauth.token(new PrivateKeyJWT(SignedJWT.parse(assertion))));
	}

	@Test
	void tokenWhenAssertionNotYetValidThenInvalidClient() throws Exception {
		Registered device = privateKeyDevice();
		String assertion = ClientAssertions.forClient(device.id(), server.issuer())
			.notBefore(Instant.now().plus(Duration.ofMinutes(2)))
			.expiresAt(Instant.now().plus(Duration.ofMinutes(3)))
			.signed(device.key());

		assertInvalidClient(oauth.token(new PrivateKeyJWT(SignedJWT.parse(assertion))));
	}

	@Test
	void tokenWhenAssertionLivesTooLongThenInvalidClient() throws Exception {
		Registered device = privateKeyDevice();
		String assertion = ClientAssertions.forClient(device.id(), server.issuer())
			.expiresAt(Instant.now().plus(Duration.ofMinutes(10)))
			.signed(device.key());

		TokenErrorResponse error = assertInvalidClient(oauth.token(new PrivateKeyJWT(SignedJWT.parse(assertion))));

		assertThat(error.getErrorObject().getDescription()).contains("exp");
	}

	@Test
	void tokenWhenAssertionHasNoExpThenInvalidClient() {
		Registered device = privateKeyDevice();
		String assertion = ClientAssertions.forClient(device.id(), server.issuer()).expiresAt(null).signed(device.key());

		Http.Response response = assertionRequest(assertion);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_client");
	}

	@Test
	void tokenWhenAssertionHasNoJtiThenInvalidClient() throws Exception {
		Registered device = privateKeyDevice();
		String assertion = ClientAssertions.forClient(device.id(), server.issuer()).jti(null).signed(device.key());

		assertInvalidClient(oauth.token(new PrivateKeyJWT(SignedJWT.parse(assertion))));
	}

	@Test
	void tokenWhenAssertionForAnotherAudienceThenInvalidClient() throws Exception {
		Registered device = privateKeyDevice();
		String assertion = ClientAssertions.forClient(device.id(), "https://other-server.example/oauth2/token")
			.signed(device.key());

		assertInvalidClient(oauth.token(new PrivateKeyJWT(SignedJWT.parse(assertion))));
	}

	@Test
	void tokenWhenIssuerDiffersFromSubjectThenInvalidClient() throws Exception {
		Registered device = privateKeyDevice();
		String assertion = ClientAssertions.forClient(device.id(), server.issuer()).issuer("someone-else")
			.signed(device.key());

		assertInvalidClient(oauth.token(new PrivateKeyJWT(SignedJWT.parse(assertion))));
	}

	@Test
	void tokenWhenSignedWithAnotherDevicesKeyThenInvalidClient() throws Exception {
		Registered victim = privateKeyDevice();
		Registered attacker = privateKeyDevice();
		String assertion = ClientAssertions.forClient(victim.id(), server.issuer()).signed(attacker.key());

		assertInvalidClient(oauth.token(new PrivateKeyJWT(SignedJWT.parse(assertion))));
	}

	@Test
	void tokenWhenRejectedAssertionThenItsJtiIsNotUsedUp() throws Exception {
		Registered device = privateKeyDevice();
		String jti = "kept-" + UUID.randomUUID();
		String wrongAudience = ClientAssertions.forClient(device.id(), "https://elsewhere.example").jti(jti)
			.signed(device.key());
		String good = ClientAssertions.forClient(device.id(), server.issuer()).jti(jti).signed(device.key());

		assertInvalidClient(oauth.token(new PrivateKeyJWT(SignedJWT.parse(wrongAudience))));
		success(oauth.token(new PrivateKeyJWT(SignedJWT.parse(good))));
	}

	@Test
	void tokenWhenUnknownClientThenInvalidClient() throws Exception {
		ECKey key = TestDevices.ecKey("k1");
		assertInvalidClient(oauth.token(new PrivateKeyJWT(new ClientID("no-such-device"), oauth.tokenEndpoint(),
				JWSAlgorithm.ES256, key.toECPrivateKey(), "k1", null)));
	}

	@Test
	void tokenWhenWrongSecretThenInvalidClientWithBasicChallenge() {
		JsonNode device = registerJson("client_secret_basic", null);
		String basic = "Basic " + Base64.getEncoder()
			.encodeToString((device.get("id").asString() + ":wrong-secret").getBytes(StandardCharsets.UTF_8));

		Http.Response response = http.form("/oauth2/token", basic, "grant_type=client_credentials");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_client");
		assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
		assertThat(response.contentType()).startsWith("application/json");
	}

	@Test
	void tokenWhenDeviceSuspendedThenInvalidClientUntilResumed() throws Exception {
		Registered device = privateKeyDevice();
		assertThat(http.post("/api/v1/devices/" + device.id() + "/suspend", admin, null, "").status()).isEqualTo(204);

		assertInvalidClient(oauth.token(device.auth()));

		assertThat(http.post("/api/v1/devices/" + device.id() + "/resume", admin, null, "").status()).isEqualTo(204);
		success(oauth.token(device.auth()));
	}

	@Test
	void tokenWhenDeviceRetiredThenInvalidClient() throws Exception {
		Registered device = privateKeyDevice();
		assertThat(http.delete("/api/v1/devices/" + device.id(), admin).status()).isEqualTo(204);

		assertInvalidClient(oauth.token(device.auth()));
	}

	@Test
	void tokenWhenDeviceKilledThenNewTokensAreStillIssued() throws Exception {
		Registered device = privateKeyDevice();
		assertThat(http.post("/api/v1/devices/" + device.id() + "/revoke-tokens", admin, null, "").status())
			.isEqualTo(204);

		success(oauth.token(device.auth()));
	}

	@Test
	void tokenWhenScopeOutsideRegistrationThenInvalidScope() {
		Registered device = privateKeyDevice();

		TokenErrorResponse error = failure(oauth.token(device.auth(), "telemetry:write fleet:admin", null));

		assertThat(error.getErrorObject().getCode()).isEqualTo("invalid_scope");
		assertThat(error.getErrorObject().getHTTPStatusCode()).isEqualTo(400);
	}

	@Test
	void tokenWhenResourceOutsideRegistrationThenInvalidTarget() {
		Registered device = privateKeyDevice();

		TokenErrorResponse error = failure(oauth.token(device.auth(), null, List.of("https://payroll.example")));

		assertThat(error.getErrorObject().getCode()).isEqualTo("invalid_target");
		assertThat(error.getErrorObject().getHTTPStatusCode()).isEqualTo(400);
	}

	@Test
	void tokenWhenResourceHasFragmentThenInvalidTarget() {
		Registered device = privateKeyDevice();

		Http.Response response = http.form("/oauth2/token", null, device.assertionForm()
				+ "&resource=" + URLEncoder.encode(TestDevices.RESOURCE + "#frag", StandardCharsets.UTF_8));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_target");
	}

	@Test
	void tokenWhenDpopBoundClientSendsNoProofThenInvalidRequest() throws Exception {
		ECKey key = TestDevices.ecKey("k1");
		String id = TestDevices.newId("dpop");
		Map<String, Object> registration = TestDevices.standard(id, "private_key_jwt", TestDevices.jwks(key));
		registration.put("dpop_bound_access_tokens", true);
		TestDevices.register(http, admin, registration);

		TokenErrorResponse error = failure(oauth.token(new PrivateKeyJWT(new ClientID(id), oauth.tokenEndpoint(),
				JWSAlgorithm.ES256, key.toECPrivateKey(), "k1", null)));

		assertThat(error.getErrorObject().getCode()).isEqualTo("invalid_request");
	}

	@Test
	void tokenWhenDeviceMustAttestAndItsModelHasNoPolicyThenInvalidClientAttestation() throws Exception {
		ECKey key = TestDevices.ecKey("k1");
		String id = TestDevices.newId("att");
		Map<String, Object> registration = TestDevices.standard(id, "private_key_jwt", TestDevices.jwks(key));
		registration.put("model", "KF-NO-POLICY");
		registration.put("attestation", Map.of("required", true, "formats", List.of("tpm2-quote")));
		TestDevices.register(http, admin, registration);

		TokenErrorResponse error = failure(oauth.token(new PrivateKeyJWT(new ClientID(id), oauth.tokenEndpoint(),
				JWSAlgorithm.ES256, key.toECPrivateKey(), "k1", null)));

		assertThat(error.getErrorObject().getCode()).isEqualTo("invalid_client_attestation");
		assertThat(error.getErrorObject().getHTTPStatusCode()).isEqualTo(401);
	}

	@Test
	void tokenWhenNoClientAuthenticationThenInvalidClient() {
		Http.Response response = http.form("/oauth2/token", null, "grant_type=client_credentials");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_client");
	}

	@Test
	void tokenWhenGrantTypeMissingThenInvalidRequest() {
		Registered device = privateKeyDevice();

		Http.Response response = http.form("/oauth2/token", null, device.assertionForm().replace("grant_type=client_credentials&", ""));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).isIn("invalid_request", "unsupported_grant_type");
	}

	@Test
	void tokenWhenUnsupportedGrantTypeThenOAuthError() {
		Registered device = privateKeyDevice();

		Http.Response response = http.form("/oauth2/token", null,
				device.assertionForm().replace("grant_type=client_credentials", "grant_type=password&username=a&password=b"));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).isIn("unsupported_grant_type", "unauthorized_client");
	}

	@Test
	void tokenWhenAssertionIsGarbageThenInvalidClient() {
		Http.Response response = assertionRequest("not-a-jwt");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_client");
	}

	@Test
	void tokenWhenBodyIsNotAFormThenOAuthErrorAndNoStackTrace() {
		Http.Response response = http.post("/oauth2/token", null, "application/json", "{\"grant_type\":");

		assertThat(response.status()).isIn(400, 401);
		assertThat(response.contentType()).startsWith("application/json");
		assertThat(response.json().has("error")).isTrue();
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
	}

	@Test
	void tokenWhenClientAssertionTypeRepeatedThenInvalidRequest() {
		Registered device = privateKeyDevice();

		Http.Response response = http.form("/oauth2/token", null, device.assertionForm()
				+ "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_request");
	}

	private static Http.Response assertionRequest(String assertion) {
		return http.form("/oauth2/token", null, "grant_type=client_credentials"
				+ "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
				+ "&client_assertion=" + URLEncoder.encode(assertion, StandardCharsets.UTF_8));
	}

	private static String register(String method, Map<String, Object> jwks) {
		return registerJson(method, jwks).get("id").asString();
	}

	private static JsonNode registerJson(String method, Map<String, Object> jwks) {
		return TestDevices.register(http, admin, TestDevices.standard(TestDevices.newId("dev"), method, jwks));
	}

	private static Registered privateKeyDevice() {
		ECKey key = TestDevices.ecKey("k1");
		return new Registered(register("private_key_jwt", TestDevices.jwks(key)), key);
	}

	static AccessTokenResponse success(TokenResponse response) {
		assertThat(response.indicatesSuccess())
			.as(() -> "token request failed: " + response.toErrorResponse().getErrorObject().toJSONObject())
			.isTrue();
		return response.toSuccessResponse();
	}

	static TokenErrorResponse failure(TokenResponse response) {
		assertThat(response.indicatesSuccess()).as("token request should have been refused").isFalse();
		return response.toErrorResponse();
	}

	private static TokenErrorResponse assertInvalidClient(TokenResponse response) {
		TokenErrorResponse error = failure(response);
		assertThat(error.getErrorObject().getCode()).isEqualTo("invalid_client");
		assertThat(error.getErrorObject().getHTTPStatusCode()).isEqualTo(401);
		return error;
	}

	private record Registered(String id, ECKey key) {

		ClientAuthentication auth() {
			try {
				return new PrivateKeyJWT(new ClientID(this.id), URI.create(server.url("/oauth2/token")), JWSAlgorithm.ES256,
						this.key.toECPrivateKey(), this.key.getKeyID(), null);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		String assertionForm() {
			return "grant_type=client_credentials"
					+ "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
					+ "&client_assertion=" + URLEncoder.encode(
							ClientAssertions.forClient(this.id, server.issuer()).signed(this.key), StandardCharsets.UTF_8);
		}

	}

}
