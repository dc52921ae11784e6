package io.keyfleet.auth.revocation;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.keyfleet.auth.support.Harness;
import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.OAuthClient;
import io.keyfleet.auth.support.TestDevices;
import io.keyfleet.auth.support.TestRedis;
import io.keyfleet.auth.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Introspection (RFC 7662) and revocation (RFC 7009) against the shared state: revoked
 * tokens, suspended, retired and killed devices, who may introspect what.
 */
class IntrospectionAndRevocationIntegrationTests {

	private static TestServer server;

	private static Http http;

	private static OAuthClient oauth;

	private static String admin;

	private static ClientAuthentication adminAuth;

	@BeforeAll
	static void start() {
		Harness harness = Harness.shared();
		server = harness.server();
		http = harness.http();
		oauth = harness.oauth();
		admin = harness.admin();
		adminAuth = new ClientSecretBasic(new ClientID("fleet-admin"), new Secret(server.adminSecret()));
	}

	@Test
	void introspectWhenOwnLiveTokenThenActiveWithClaims() {
		Device device = Device.register();
		String token = device.token();

		TokenIntrospectionSuccessResponse response = introspect(device.auth(), token);

		assertThat(response.isActive()).isTrue();
		assertThat(response.getClientID().getValue()).isEqualTo(device.id());
		assertThat(response.getSubject().getValue()).isEqualTo(device.id());
		assertThat(response.getScope().toString()).isEqualTo("telemetry:write config:read");
		assertThat(response.getIssuer().getValue()).isEqualTo(server.issuer());
		assertThat(response.getTokenType().getValue()).isEqualToIgnoringCase("Bearer");
	}

	@Test
	void introspectWhenRevokedThenInactiveAndRevocationExpiresWithTheToken() throws Exception {
		Device device = Device.register();
		String token = device.token();

		HTTPResponse revoked = oauth.revoke(device.auth(), token);

		assertThat(revoked.getStatusCode()).isEqualTo(200);
		assertThat(introspect(device.auth(), token).isActive()).isFalse();
		String jti = SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
		RedisClient client = RedisClient.create(TestRedis.url());
		try (var connection = client.connect()) {
			long ttlMs = connection.sync().pttl(TestRedis.prefix() + "revoked:" + jti);
			assertThat(ttlMs).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(300).toMillis());
		}
		finally {
			client.shutdown();
		}
	}

	@Test
	void revokeWhenTokenOfAnotherClientThenRefusedAndTokenStaysActive() {
		Device owner = Device.register();
		Device other = Device.register();
		String token = owner.token();

		HTTPResponse response = oauth.revoke(other.auth(), token);

		assertThat(response.getStatusCode()).isIn(400, 401);
		assertThat(introspect(owner.auth(), token).isActive()).isTrue();
	}

	@Test
	void revokeWhenGarbageTokenThenOk() {
		Device device = Device.register();

		assertThat(oauth.revoke(device.auth(), "garbage").getStatusCode()).isEqualTo(200);
	}

	@Test
	void introspectWhenForeignTokenThenInactiveForDevicesButActiveForAdmin() {
		Device owner = Device.register();
		Device nosy = Device.register();
		String token = owner.token();

		assertThat(introspect(nosy.auth(), token).isActive()).isFalse();
		assertThat(introspect(adminAuth, token).isActive()).isTrue();
	}

	@Test
	void introspectWhenDeviceSuspendedThenInactiveAndStaysDeadAfterResume() {
		Device device = Device.register();
		String before = device.token();

		action(device, "suspend");
		assertThat(introspect(adminAuth, before).isActive()).isFalse();

		action(device, "resume");
		String after = device.token();
		assertThat(introspect(adminAuth, before).isActive()).isFalse();
		assertThat(introspect(adminAuth, after).isActive()).isTrue();
	}

	@Test
	void introspectWhenDeviceRetiredThenInactive() {
		Device device = Device.register();
		String token = device.token();

		assertThat(http.delete("/api/v1/devices/" + device.id(), admin).status()).isEqualTo(204);

		assertThat(introspect(adminAuth, token).isActive()).isFalse();
	}

	@Test
	void introspectWhenKilledThenOlderTokensDieAndNewerLiveEvenWithinTheSameSecond() throws Exception {
		Device device = Device.register();
		String before = device.token();

		action(device, "revoke-tokens");
		String after = device.token();

		assertThat(introspect(adminAuth, before).isActive()).isFalse();
		assertThat(introspect(adminAuth, after).isActive()).isTrue();
		long beforeIat = SignedJWT.parse(before).getJWTClaimsSet().getIssueTime().getTime();
		long afterIat = SignedJWT.parse(after).getJWTClaimsSet().getIssueTime().getTime();
		assertThat(afterIat - beforeIat).as("both tokens fit in a couple of seconds").isLessThanOrEqualTo(2000);
	}

	@Test
	void introspectWhenNotAJwtThenInactive() {
		assertThat(introspect(adminAuth, "eyJhbGciOiJub25lIn0.e30.").isActive()).isFalse();
		assertThat(introspect(adminAuth, "garbage").isActive()).isFalse();
	}

	@Test
	void introspectWhenTokenSignedBySomeoneElseThenInactive() throws Exception {
		ECKey foreign = TestDevices.ecKey("x");
		var jwt = new SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(JWSAlgorithm.ES256).keyID("x")
			.type(new com.nimbusds.jose.JOSEObjectType("at+jwt")).build(),
				new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(server.issuer()).subject("fleet-admin")
					.claim("client_id", "fleet-admin").expirationTime(new java.util.Date(System.currentTimeMillis() + 60000))
					.jwtID("forged").build());
		jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner(foreign));

		assertThat(introspect(adminAuth, jwt.serialize()).isActive()).isFalse();
	}

	@Test
	void introspectWhenUnauthenticatedThenInvalidClient() {
		Http.Response response = http.form("/oauth2/introspect", null, "token=abc");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_client");
	}

	private static TokenIntrospectionSuccessResponse introspect(ClientAuthentication auth, String token) {
		TokenIntrospectionResponse response = oauth.introspect(auth, token);
		assertThat(response.indicatesSuccess()).isTrue();
		return response.toSuccessResponse();
	}

	private static void action(Device device, String action) {
		assertThat(http.post("/api/v1/devices/" + device.id() + "/" + action, admin, null, "").status()).isEqualTo(204);
	}

	private record Device(String id, ECKey key) {

		static Device register() {
			ECKey key = TestDevices.ecKey("k1");
			String id = TestDevices.newId("intro");
			TestDevices.register(http, admin, TestDevices.standard(id, "private_key_jwt", TestDevices.jwks(key)));
			return new Device(id, key);
		}

		ClientAuthentication auth() {
			try {
				return new PrivateKeyJWT(new ClientID(this.id), URI.create(server.url("/oauth2/token")), JWSAlgorithm.ES256,
						this.key.toECPrivateKey(), "k1", null);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		String token() {
			var response = oauth.token(auth(), null, List.of(TestDevices.RESOURCE));
			assertThat(response.indicatesSuccess()).isTrue();
			return response.toSuccessResponse().getTokens().getAccessToken().getValue();
		}

	}

}
