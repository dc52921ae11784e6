package io.keyfleet.auth.devmode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.Test;

import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.OAuthClient;
import io.keyfleet.auth.support.TestDevices;
import io.keyfleet.auth.support.TestRedis;
import io.keyfleet.auth.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Dev mode as the README starts it: no Redis configured, so an embedded one is started
 * under the data directory; keys, CA and TLS certificate are generated once; a second
 * start reuses all of it, data included.
 */
class DevModeIntegrationTests {

	@Test
	void startWhenNoRedisConfiguredThenEmbeddedRedisAndGeneratedMaterialAreReusedOnRestart() throws Exception {
		Path dataDir = Files.createTempDirectory("keyfleet-devmode-");
		Map<String, Object> devMode = Map.of("keyfleet.data-dir", dataDir.toString(), "keyfleet.redis.url", "");
		String kid;
		String secret;
		String deviceId = TestDevices.newId("dev");
		try (TestServer first = TestServer.start(devMode)) {
			assertThat(dataDir.resolve("ca/root.pem")).isRegularFile();
			assertThat(dataDir.resolve("ca/device-ca.pem")).isRegularFile();
			assertThat(dataDir.resolve("redis-url")).isRegularFile();
			assertThat(Files.readString(dataDir.resolve("redis-url"))).startsWith("redis://").contains("127.0.0.1");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("admin-client.json"))))
				.isEqualTo("rw-------");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("keys/signing-key.pem"))))
				.isEqualTo("rw-------");
			Http http = new Http(first);
			kid = JWKSet.parse(http.get("/oauth2/jwks", null).body()).getKeys().get(0).getKeyID();
			secret = first.adminSecret();
			String admin = new OAuthClient(first).adminToken();
			TestDevices.register(http, admin, TestDevices.standard(deviceId, "client_secret_basic", null));
		}
		try (TestServer second = TestServer.start(devMode)) {
			Http http = new Http(second);
			assertThat(JWKSet.parse(http.get("/oauth2/jwks", null).body()).getKeys().get(0).getKeyID()).isEqualTo(kid);
			assertThat(second.adminSecret()).isEqualTo(secret);
			String admin = new OAuthClient(second).adminToken();
			assertThat(http.get("/api/v1/devices/" + deviceId, admin).status()).isEqualTo(200);
		}
	}

	@Test
	void startWhenRedisUrlConfiguredThenNoEmbeddedRedis() {
		TestServer server = TestServer.shared();

		assertThat(server.dataDir().resolve("redis-url")).doesNotExist();
		assertThat(server.dataDir().resolve("redis")).doesNotExist();
	}

	@Test
	void startWhenProductionModeWithoutTlsThenRefusesWithAClearMessage() throws Exception {
		Path dir = Files.createTempDirectory("keyfleet-prod-");
		Path signingKey = dir.resolve("signing-key.pem");
		Path kek = dir.resolve("kek.key");
		Files.writeString(signingKey, io.keyfleet.auth.keys.Pem
			.writePkcs8(io.keyfleet.auth.pki.CertificateBuilder.newP256KeyPair().getPrivate()));
		Files.writeString(kek, io.keyfleet.auth.keys.KeyEncryptionKey.generateBase64());
		Path deviceCa = dir.resolve("device-ca.pem");
		Path deviceCaKey = dir.resolve("device-ca-key.pem");
		java.security.KeyPair caPair = io.keyfleet.auth.pki.CertificateBuilder.newP256KeyPair();
		Files.writeString(deviceCa, io.keyfleet.auth.keys.Pem.write(io.keyfleet.auth.pki.CertificateBuilder
			.forSubject("CN=Device CA", caPair.getPublic())
			.certificateAuthority(0)
			.selfSigned(caPair.getPrivate())
			.build()));
		Files.writeString(deviceCaKey, io.keyfleet.auth.keys.Pem.writePkcs8(caPair.getPrivate()));

		assertThatThrownBy(() -> TestServer.start(Map.of("keyfleet.mode", "production", "keyfleet.issuer",
				"https://auth.example", "keyfleet.redis.url", TestRedis.url(), "keyfleet.keys.signing-key",
				signingKey.toString(), "keyfleet.keys.kek", kek.toString(), "keyfleet.pki.device-ca.certificate",
				deviceCa.toString(), "keyfleet.pki.device-ca.private-key", deviceCaKey.toString(), "server.ssl.enabled",
				"false")))
			.hasStackTraceContaining("production mode serves HTTPS only");
	}

	@Test
	void startWhenProductionModeWithoutDeviceCaThenRefusesWithAClearMessage() throws Exception {
		Path dir = Files.createTempDirectory("keyfleet-prod-");
		Path signingKey = dir.resolve("signing-key.pem");
		Path kek = dir.resolve("kek.key");
		Files.writeString(signingKey, io.keyfleet.auth.keys.Pem
			.writePkcs8(io.keyfleet.auth.pki.CertificateBuilder.newP256KeyPair().getPrivate()));
		Files.writeString(kek, io.keyfleet.auth.keys.KeyEncryptionKey.generateBase64());

		assertThatThrownBy(() -> TestServer.start(Map.of("keyfleet.mode", "production", "keyfleet.issuer",
				"https://auth.example", "keyfleet.redis.url", TestRedis.url(), "keyfleet.keys.signing-key",
				signingKey.toString(), "keyfleet.keys.kek", kek.toString(), "server.ssl.enabled", "false")))
			.hasStackTraceContaining("keyfleet.pki.device-ca.certificate is not configured");
	}

	@Test
	void startWhenProductionModeWithoutKeysThenRefusesWithAClearMessage() throws Exception {
		Path empty = Files.createTempDirectory("keyfleet-prod-");

		assertThatThrownBy(() -> TestServer.start(Map.of("keyfleet.mode", "production", "keyfleet.issuer",
				"https://auth.example", "keyfleet.data-dir", empty.toString(), "keyfleet.redis.url", TestRedis.url(),
				"server.ssl.enabled", "false")))
			.hasStackTraceContaining("is not configured: production mode needs explicit keys");
		assertThat(empty).isEmptyDirectory();
	}

}
