package io.keyfleet.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.OAuthClient;
import io.keyfleet.auth.support.TestServer;

/**
 * A server whose token-signing key is in a SoftHSM2 token ({@code keyfleet.keys.pkcs11.*}
 * set; the dev-mode key file it would otherwise use is ignored): the JWKS publishes the
 * token's public key and the access tokens it issues verify with it. Production mode
 * accepts the token instead of a key file.
 */
class Pkcs11SigningIntegrationTests {

	private static SoftHsm hsm;

	private static TestServer server;

	@BeforeAll
	static void start() {
		hsm = SoftHsm.token();
		server = TestServer.start(pkcs11());
	}

	private static Map<String, Object> pkcs11() {
		Map<String, Object> properties = new HashMap<>();
		properties.put("keyfleet.keys.pkcs11.library", hsm.library().toString());
		properties.put("keyfleet.keys.pkcs11.slot", hsm.slot());
		properties.put("keyfleet.keys.pkcs11.pin", hsm.pin());
		properties.put("keyfleet.keys.pkcs11.key-label", SoftHsm.KEY_LABEL);
		return properties;
	}

	@AfterAll
	static void stop() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void tokenWhenSigningKeyInHsmThenJwksIsTheHsmKeyAndAccessTokenVerifiesWithIt() throws Exception {
		JWKSet jwks = JWKSet.parse(new Http(server).get("/oauth2/jwks", null).body());
		String accessToken = new OAuthClient(server).adminToken();

		SignedJWT jwt = SignedJWT.parse(accessToken);
		ECKey published = (ECKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
		// the configured key signs; the next key (generated in the token) is published ahead
		assertThat(jwks.getKeys()).hasSize(2);
		assertThat(jwks.getKeys().get(0).getKeyID()).isEqualTo(published.getKeyID());
		assertThat(published.toECPublicKey().getEncoded()).isEqualTo(hsm.publicKey().getEncoded());
		assertThat(jwt.getSignature().decode()).hasSize(64);
		assertThat(jwt.verify(new ECDSAVerifier(published))).isTrue();
		assertThat(jwt.verify(new ECDSAVerifier(hsm.publicKey()))).isTrue();
	}

	@Test
	void startWhenProductionModeWithPkcs11AndNoSigningKeyFileThenStartsAndPublishesTheHsmKey() throws Exception {
		Path material = server.dataDir();
		Map<String, Object> properties = pkcs11();
		properties.put("keyfleet.mode", "production");
		// production mode never touches its data directory; the test's HTTPS client reads ca/root.pem there
		properties.put("keyfleet.data-dir", material.toString());
		properties.put("keyfleet.issuer", "https://localhost");
		properties.put("keyfleet.keys.kek", material.resolve("keys/kek.key").toString());
		properties.put("keyfleet.pki.device-ca.certificate", material.resolve("ca/device-ca.pem").toString());
		properties.put("keyfleet.pki.device-ca.private-key", material.resolve("ca/device-ca-key.pem").toString());
		// the dev server's TLS certificate, KEK and device CA: production mode generates nothing
		properties.put("server.ssl.certificate", "file:" + material.resolve("tls/server.pem"));
		properties.put("server.ssl.certificate-private-key", "file:" + material.resolve("tls/server-key.pem"));
		properties.put("server.ssl.trust-certificate", "file:" + material.resolve("ca/root.pem"));

		try (TestServer production = TestServer.start(properties)) {
			JWKSet jwks = JWKSet.parse(new Http(production).get("/oauth2/jwks", null).body());

			assertThat(jwks.getKeys()).first()
				.satisfies(key -> assertThat(key.toECKey().toECPublicKey().getEncoded())
					.isEqualTo(hsm.publicKey().getEncoded()));
		}
	}

}
