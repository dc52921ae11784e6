package io.keyfleet.auth.est;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.keyfleet.auth.keys.Pem;
import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.OAuthClient;
import io.keyfleet.auth.support.TestCertificates;
import io.keyfleet.auth.support.TestDevices;
import io.keyfleet.auth.support.TestRedis;
import io.keyfleet.auth.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EST on a server configured like a factory floor: a manufacturer CA in
 * {@code keyfleet.mtls.trusted-ca-files} (beside the device CA), and enrollment tokens
 * that expire after a second, so that expiry is tested without waiting a day.
 */
class EstFactoryCertificateIntegrationTests {

	private static final TestCertificates.Ca MANUFACTURER = TestCertificates.newCa("CN=Acme Manufacturing CA");

	private static TestServer server;

	private static Http http;

	private static String admin;

	@BeforeAll
	static void start() throws Exception {
		Path dataDir = Files.createTempDirectory("keyfleet-test-est-");
		Path manufacturer = dataDir.resolve("manufacturer-ca.pem");
		Files.writeString(manufacturer, Pem.write(MANUFACTURER.certificate()));
		server = TestServer.start(Map.of("keyfleet.data-dir", dataDir.toString(), "keyfleet.redis.key-prefix",
				TestRedis.prefix() + "est:", "keyfleet.mtls.trusted-ca-files[0]",
				dataDir.resolve("ca/device-ca.pem").toString(), "keyfleet.mtls.trusted-ca-files[1]",
				manufacturer.toString(), "keyfleet.pki.enrollment-token-lifetime", "1s"));
		http = new Http(server);
		admin = new OAuthClient(server).adminToken();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void simpleenrollWithFactoryCertificateOfARegisteredDeviceThenIssued() throws Exception {
		String id = registerDevice();
		KeyPair factoryKey = TestCertificates.newKeyPair();
		X509Certificate factory = TestCertificates.fromCa(MANUFACTURER, factoryKey, "CN=" + id);
		KeyPair operationalKey = TestCertificates.newKeyPair();

		HttpResponse<String> response = withCertificate(factoryKey, factory).post("simpleenroll", null,
				EstClient.csr(operationalKey, "CN=anything"));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		X509Certificate issued = EstClient.certificates(response.body()).get(0);
		assertThat(issued.getSubjectX500Principal().getName()).isEqualTo("CN=" + id);
		assertThat(issued.getPublicKey().getEncoded()).isEqualTo(operationalKey.getPublic().getEncoded());
		assertThat(new Http(server, TestCertificates.presenting(server, operationalKey.getPrivate(), issued))
			.form("/oauth2/token", null, "grant_type=client_credentials&client_id=" + id)
			.status()).isEqualTo(200);
	}

	@Test
	void simpleenrollWithFactoryCertificateOfAnUnregisteredDeviceThenUnauthorized() throws Exception {
		KeyPair factoryKey = TestCertificates.newKeyPair();
		X509Certificate factory = TestCertificates.fromCa(MANUFACTURER, factoryKey, "CN=" + TestDevices.newId("est"));

		assertThat(withCertificate(factoryKey, factory)
			.post("simpleenroll", null, EstClient.csr(TestCertificates.newKeyPair(), "CN=x"))
			.statusCode()).isEqualTo(401);
	}

	@Test
	void simpleenrollWithFactoryCertificateFromAnotherCaThenUnauthorized() throws Exception {
		String id = registerDevice();
		TestCertificates.Ca rogue = TestCertificates.newCa("CN=Acme Manufacturing CA");
		KeyPair factoryKey = TestCertificates.newKeyPair();

		HttpResponse<String> response = new EstClient(server, TestCertificates.presenting(server,
				factoryKey.getPrivate(), TestCertificates.fromCa(rogue, factoryKey, "CN=" + id), rogue.certificate()))
			.post("simpleenroll", null, EstClient.csr(TestCertificates.newKeyPair(), "CN=x"));

		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void simpleenrollWhenEnrollmentTokenExpiredThenUnauthorized() throws Exception {
		String id = registerDevice();
		Http.Response created = http.postJson("/api/v1/devices/" + id + "/enrollment-token", admin, "");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("expires_in").asLong()).isEqualTo(1);
		Thread.sleep(1500);

		HttpResponse<String> response = new EstClient(server, server.sslContext()).post("simpleenroll",
				created.json().get("enrollment_token").asString(), EstClient.csr(TestCertificates.newKeyPair(), "CN=x"));

		assertThat(response.statusCode()).isEqualTo(401);
	}

	private static EstClient withCertificate(KeyPair pair, X509Certificate certificate) {
		return new EstClient(server, TestCertificates.presenting(server, pair.getPrivate(), certificate));
	}

	private static String registerDevice() {
		String id = TestDevices.newId("est");
		Map<String, Object> body = TestDevices.standard(id, "tls_client_auth", null);
		body.put("tls_client_auth_subject_dn", "CN=" + id);
		TestDevices.register(http, admin, body);
		return id;
	}

}
