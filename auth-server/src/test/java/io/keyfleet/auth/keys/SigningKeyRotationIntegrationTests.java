package io.keyfleet.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.OAuthClient;
import io.keyfleet.auth.support.TestServer;

/**
 * Two nodes of one deployment (same data directory, issuer and Redis prefix) and the
 * admin API {@code /api/v1/signing-keys}: a rotation through node A makes node B sign with
 * the new key within moments (change notice), both JWKS agree, tokens of the retired key
 * stay accepted, and a revoked key's tokens are refused on both nodes.
 */
class SigningKeyRotationIntegrationTests {

	private static TestServer nodeA;

	private static TestServer nodeB;

	@BeforeAll
	static void start() {
		nodeA = TestServer.start(Map.of());
		nodeB = TestServer.start(Map.of("keyfleet.data-dir", nodeA.dataDir().toString(), "keyfleet.issuer",
				nodeA.issuer()));
	}

	@AfterAll
	static void stop() {
		if (nodeB != null) {
			nodeB.close();
		}
		if (nodeA != null) {
			nodeA.close();
		}
	}

	@Test
	void rotateWhenRequestedOnNodeAThenNodeBSignsWithTheNewKeyAndBothJwksAgree() throws Exception {
		Http a = new Http(nodeA);
		Http b = new Http(nodeB);
		String admin = new OAuthClient(nodeA).adminToken();
		JsonNode before = a.get("/api/v1/signing-keys", admin).json();
		String oldActive = item(before, "active").get("kid").asString();
		String next = item(before, "next").get("kid").asString();
		assertThat(kid(admin)).isEqualTo(oldActive);
		assertThat(kidsOf(a)).startsWith(oldActive, next);

		// the next key was published moments ago: refused unless forced
		Http.Response refused = a.post("/api/v1/signing-keys/rotate", admin, null, "");
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.json().get("type").asString()).endsWith("/conflict");
		Http.Response rotated = a.post("/api/v1/signing-keys/rotate?force=true", admin, null, "");

		assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
		assertThat(item(rotated.json(), "active").get("kid").asString()).isEqualTo(next);
		assertThat(item(rotated.json(), "retired").get("kid").asString()).isEqualTo(oldActive);
		assertThat(item(rotated.json(), "retired").get("published_until").asString()).isNotBlank();
		assertThat(kid(new OAuthClient(nodeA).adminToken())).isEqualTo(next);
		String fromB = awaitSignedWith(next);
		assertThat(kidsOf(b)).isEqualTo(kidsOf(a)).startsWith(next).contains(oldActive);
		// a token of the retired key is still good on both nodes, and so is one of the new key
		assertThat(b.get("/api/v1/signing-keys", admin).status()).isEqualTo(200);
		assertThat(a.get("/api/v1/signing-keys", fromB).status()).isEqualTo(200);
	}

	@Test
	void listWhenAdminThenKeysWithoutPrivateMaterialAndRefusedWithoutToken() {
		Http a = new Http(nodeA);
		String admin = new OAuthClient(nodeA).adminToken();

		Http.Response list = a.get("/api/v1/signing-keys", admin);

		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().get("version").asLong()).isPositive();
		assertThat(list.json().get("items")).allSatisfy(key -> {
			assertThat(key.get("kid").asString()).isNotBlank();
			assertThat(key.get("alg").asString()).isEqualTo("ES256");
			assertThat(key.get("storage").asString()).isEqualTo("kek");
			assertThat(key.get("created_at").asString()).endsWith("Z");
		});
		assertThat(list.body()).doesNotContain("encrypted").doesNotContain("\"d\"").doesNotContain("v1.");
		assertThat(a.get("/api/v1/signing-keys", null).status()).isEqualTo(401);
		assertThat(a.post("/api/v1/signing-keys/rotate?force=true", null, null, "").status()).isEqualTo(401);
	}

	@Test
	void revokeWhenKeyCompromisedThenGoneFromBothJwksAndItsTokensRefusedOnBothNodes() throws Exception {
		Http a = new Http(nodeA);
		Http b = new Http(nodeB);
		String signedByCompromised = new OAuthClient(nodeA).adminToken();
		String compromised = kid(signedByCompromised);
		String admin = signedByCompromised;

		Http.Response unknown = a.post("/api/v1/signing-keys/unknown-kid/revoke", admin, null, "");
		assertThat(unknown.status()).isEqualTo(404);
		Http.Response revoked = a.post("/api/v1/signing-keys/" + compromised + "/revoke", admin, null, "");

		assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
		assertThat(item(revoked.json(), "revoked").get("kid").asString()).isEqualTo(compromised);
		String newActive = item(revoked.json(), "active").get("kid").asString();
		awaitSignedWith(newActive);
		assertThat(kidsOf(a)).doesNotContain(compromised);
		assertThat(kidsOf(b)).doesNotContain(compromised).isEqualTo(kidsOf(a));
		assertThat(a.get("/api/v1/signing-keys", signedByCompromised).status()).isEqualTo(401);
		assertThat(b.get("/api/v1/signing-keys", signedByCompromised).status()).isEqualTo(401);
		String fresh = new OAuthClient(nodeA).adminToken();
		assertThat(a.post("/api/v1/signing-keys/" + compromised + "/revoke", fresh, null, "").status())
			.isEqualTo(409);
	}

	/** Node B's tokens are signed with {@code kid} within a few seconds (one token request each try). */
	private static String awaitSignedWith(String kid) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		String token;
		do {
			token = new OAuthClient(nodeB).adminToken();
			if (kid(token).equals(kid)) {
				return token;
			}
			Thread.sleep(20);
		}
		while (System.nanoTime() < deadline);
		assertThat(kid(token)).as("node B signs with the new key").isEqualTo(kid);
		return token;
	}

	private static JsonNode item(JsonNode keyring, String state) {
		return StreamSupport.stream(keyring.get("items").spliterator(), false)
			.filter(key -> state.equals(key.get("state").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + state + " key in " + keyring));
	}

	private static List<String> kidsOf(Http node) throws Exception {
		return JWKSet.parse(node.get("/oauth2/jwks", null).body()).getKeys().stream().map(JWK::getKeyID).toList();
	}

	private static String kid(String jwt) throws Exception {
		return SignedJWT.parse(jwt).getHeader().getKeyID();
	}

}
