package io.keyfleet.auth.clientauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.SignedJWT;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.keyfleet.auth.support.ClientAssertions;
import io.keyfleet.auth.support.Harness;
import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.TestCertificates;
import io.keyfleet.auth.support.TestDevices;
import io.keyfleet.auth.support.TestRedis;
import io.keyfleet.auth.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutual TLS (RFC 8705) over real TLS sockets with real client certificates:
 * {@code tls_client_auth} against the dev device CA, {@code self_signed_tls_client_auth}
 * against the registered JWKS, certificate-bound tokens ({@code cnf.x5t#S256}) for every
 * token requested with a certificate, and RFC 9440 headers from untrusted sources ignored.
 */
class MutualTlsIntegrationTests {

	private static TestServer server;

	private static Http http;

	private static String admin;

	@BeforeAll
	static void start() {
		Harness harness = Harness.shared();
		server = harness.server();
		http = harness.http();
		admin = harness.admin();
	}

	@Test
	void tokenWhenSelfSignedCertificateOfARegisteredKeyThenBoundToken() throws Exception {
		KeyPair pair = TestCertificates.newKeyPair();
		String id = TestDevices.newId("mtls");
		X509Certificate certificate = TestCertificates.selfSigned(pair, "CN=" + id);
		register(id, "self_signed_tls_client_auth", Map.of("jwks", jwksOf(pair)));

		Http.Response response = withCertificate(pair, certificate).form("/oauth2/token", null,
				"grant_type=client_credentials&client_id=" + id);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(cnf(response).get("x5t#S256")).isEqualTo(PresentedCertificate.thumbprint(certificate));
	}

	@Test
	void tokenWhenSelfSignedCertificateOfAnotherKeyThenInvalidClient() {
		KeyPair registered = TestCertificates.newKeyPair();
		KeyPair other = TestCertificates.newKeyPair();
		String id = TestDevices.newId("mtls");
		register(id, "self_signed_tls_client_auth", Map.of("jwks", jwksOf(registered)));

		Http.Response response = withCertificate(other, TestCertificates.selfSigned(other, "CN=" + id))
			.form("/oauth2/token", null, "grant_type=client_credentials&client_id=" + id);

		assertInvalidClient(response);
	}

	@Test
	void tokenWhenDeviceCaCertificateWithTheRegisteredSubjectThenBoundToken() throws Exception {
		KeyPair pair = TestCertificates.newKeyPair();
		String id = TestDevices.newId("mtls");
		X509Certificate certificate = TestCertificates.fromDeviceCa(server, pair, "CN=" + id, null);
		register(id, "tls_client_auth", Map.of("tls_client_auth_subject_dn", "CN=" + id));

		Http.Response response = withCertificate(pair, certificate).form("/oauth2/token", null,
				"grant_type=client_credentials&client_id=" + id);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(cnf(response).get("x5t#S256")).isEqualTo(PresentedCertificate.thumbprint(certificate));
	}

	@Test
	void tokenWhenDeviceCaCertificateWithTheRegisteredSanUriThenIssued() {
		KeyPair pair = TestCertificates.newKeyPair();
		String id = TestDevices.newId("mtls");
		String san = "urn:keyfleet:device:" + id;
		register(id, "tls_client_auth", Map.of("tls_client_auth_san_uri", san));

		Http.Response response = withCertificate(pair, TestCertificates.fromDeviceCa(server, pair, "CN=other", san))
			.form("/oauth2/token", null, "grant_type=client_credentials&client_id=" + id);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

	@Test
	void tokenWhenCertificateNamesAnotherSubjectThenInvalidClient() {
		KeyPair pair = TestCertificates.newKeyPair();
		String id = TestDevices.newId("mtls");
		register(id, "tls_client_auth", Map.of("tls_client_auth_subject_dn", "CN=" + id));

		assertInvalidClient(withCertificate(pair, TestCertificates.fromDeviceCa(server, pair, "CN=someone-else", null))
			.form("/oauth2/token", null, "grant_type=client_credentials&client_id=" + id));
	}

	@Test
	void tokenWhenCertificateFromAnUntrustedCaThenInvalidClient() {
		KeyPair pair = TestCertificates.newKeyPair();
		String id = TestDevices.newId("mtls");
		register(id, "tls_client_auth", Map.of("tls_client_auth_subject_dn", "CN=" + id));
		TestCertificates.Ca rogue = TestCertificates.newCa("CN=Rogue CA");

		assertInvalidClient(withCertificate(pair, TestCertificates.fromCa(rogue, pair, "CN=" + id), rogue.certificate())
			.form("/oauth2/token", null, "grant_type=client_credentials&client_id=" + id));
	}

	@Test
	void tokenWhenCertificateExpiredThenInvalidClient() {
		KeyPair pair = TestCertificates.newKeyPair();
		String id = TestDevices.newId("mtls");
		register(id, "tls_client_auth", Map.of("tls_client_auth_subject_dn", "CN=" + id));
		X509Certificate expired = TestCertificates.fromCa(server.dataDir().resolve("ca/device-ca.pem"),
				server.dataDir().resolve("ca/device-ca-key.pem"), pair, "CN=" + id, null,
				Instant.now().minus(Duration.ofDays(10)), Duration.ofDays(1));

		assertInvalidClient(withCertificate(pair, expired).form("/oauth2/token", null,
				"grant_type=client_credentials&client_id=" + id));
	}

	@Test
	void tokenWhenCertificateRevokedThenInvalidClient() {
		KeyPair pair = TestCertificates.newKeyPair();
		String id = TestDevices.newId("mtls");
		X509Certificate certificate = TestCertificates.fromDeviceCa(server, pair, "CN=" + id, null);
		register(id, "tls_client_auth", Map.of("tls_client_auth_subject_dn", "CN=" + id));
		RedisClient redis = RedisClient.create(TestRedis.url());
		try (var connection = redis.connect()) {
			connection.sync().set(TestRedis.prefix() + "cert-revoked:" + PresentedCertificate.thumbprint(certificate),
					"keyCompromise");
		}
		finally {
			redis.shutdown();
		}

		assertInvalidClient(withCertificate(pair, certificate).form("/oauth2/token", null,
				"grant_type=client_credentials&client_id=" + id));
	}

	@Test
	void tokenWhenPrivateKeyJwtOverAConnectionWithACertificateThenBoundToThatCertificate() throws Exception {
		ECKey key = TestDevices.ecKey("k1");
		String id = TestDevices.newId("mtls");
		TestDevices.register(http, admin, TestDevices.standard(id, "private_key_jwt", TestDevices.jwks(key)));
		KeyPair tlsPair = TestCertificates.newKeyPair();
		X509Certificate tlsCertificate = TestCertificates.selfSigned(tlsPair, "CN=whatever");

		Http.Response response = withCertificate(tlsPair, tlsCertificate).form("/oauth2/token", null,
				assertionForm(id, key));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(cnf(response).get("x5t#S256")).isEqualTo(PresentedCertificate.thumbprint(tlsCertificate));
	}

	@Test
	void tokenWhenNoCertificateThenUnboundToken() throws Exception {
		ECKey key = TestDevices.ecKey("k1");
		String id = TestDevices.newId("mtls");
		TestDevices.register(http, admin, TestDevices.standard(id, "private_key_jwt", TestDevices.jwks(key)));

		Http.Response response = http.form("/oauth2/token", null, assertionForm(id, key));

		assertThat(response.status()).isEqualTo(200);
		assertThat(SignedJWT.parse(response.json().get("access_token").asString()).getJWTClaimsSet().getClaim("cnf"))
			.isNull();
	}

	@Test
	void tokenWhenClientMustBindToItsCertificateButPresentsNoneThenInvalidRequest() {
		ECKey key = TestDevices.ecKey("k1");
		String id = TestDevices.newId("mtls");
		Map<String, Object> registration = TestDevices.standard(id, "private_key_jwt", TestDevices.jwks(key));
		registration.put("tls_client_certificate_bound_access_tokens", true);
		TestDevices.register(http, admin, registration);

		Http.Response response = http.form("/oauth2/token", null, assertionForm(id, key));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_request");
	}

	@Test
	void tokenWhenClientCertHeaderComesFromAnUntrustedAddressThenIgnored() throws Exception {
		KeyPair pair = TestCertificates.newKeyPair();
		String id = TestDevices.newId("mtls");
		X509Certificate certificate = TestCertificates.selfSigned(pair, "CN=" + id);
		register(id, "self_signed_tls_client_auth", Map.of("jwks", jwksOf(pair)));
		String forged = ":" + Base64.getEncoder().encodeToString(certificate.getEncoded()) + ":";

		Http.Response response = http.form("/oauth2/token", null, "grant_type=client_credentials&client_id=" + id,
				Map.of("Client-Cert", forged));

		assertThat(response.status()).isEqualTo(401);
	}

	@Test
	void tokenWhenClientCertHeaderComesFromATrustedProxyThenItStandsForTheClientsCertificate() throws Exception {
		KeyPair pair = TestCertificates.newKeyPair();
		String id = TestDevices.newId("mtls");
		X509Certificate certificate = TestCertificates.selfSigned(pair, "CN=" + id);
		register(id, "self_signed_tls_client_auth", Map.of("jwks", jwksOf(pair)));
		String forwarded = ":" + Base64.getEncoder().encodeToString(certificate.getEncoded()) + ":";
		try (TestServer behindProxy = TestServer.start(Map.of("keyfleet.data-dir", server.dataDir().toString(),
				"keyfleet.issuer", server.issuer(), "keyfleet.mtls.trusted-proxies", "127.0.0.1"))) {

			Http.Response response = new Http(behindProxy).form("/oauth2/token", null,
					"grant_type=client_credentials&client_id=" + id, Map.of("Client-Cert", forwarded));

			assertThat(response.status()).as(response.body()).isEqualTo(200);
			assertThat(cnf(response).get("x5t#S256")).isEqualTo(PresentedCertificate.thumbprint(certificate));
		}
	}

	@Test
	void registerWhenTlsClientAuthWithoutASubjectThenBadRequest() {
		Map<String, Object> body = TestDevices.standard(TestDevices.newId("mtls"), "tls_client_auth", null);

		assertThat(http.postJson("/api/v1/devices", admin, Http.JSON.writeValueAsString(body)).status()).isEqualTo(400);
	}

	private static void register(String id, String method, Map<String, Object> extra) {
		Map<String, Object> body = TestDevices.standard(id, method, null);
		body.putAll(extra);
		TestDevices.register(http, admin, body);
	}

	private static Map<String, Object> jwksOf(KeyPair pair) {
		ECKey jwk = new ECKey.Builder(Curve.P_256, (java.security.interfaces.ECPublicKey) pair.getPublic()).keyID("tls")
			.build();
		return Map.of("keys", List.of(jwk.toJSONObject()));
	}

	private static Http withCertificate(KeyPair pair, X509Certificate... chain) {
		return new Http(server, TestCertificates.presenting(server, pair.getPrivate(), chain));
	}

	private static String assertionForm(String id, ECKey key) {
		return "grant_type=client_credentials"
				+ "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
				+ "&client_assertion=" + URLEncoder.encode(ClientAssertions.forClient(id, server.issuer()).signed(key),
						StandardCharsets.UTF_8);
	}

	private static Map<String, Object> cnf(Http.Response response) throws Exception {
		JsonNode body = response.json();
		return SignedJWT.parse(body.get("access_token").asString()).getJWTClaimsSet().getJSONObjectClaim("cnf");
	}

	private static void assertInvalidClient(Http.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(401);
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_client");
	}

}
