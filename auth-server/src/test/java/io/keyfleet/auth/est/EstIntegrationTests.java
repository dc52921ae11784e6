package io.keyfleet.auth.est;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.keyfleet.auth.pki.CertificateStore;
import io.keyfleet.auth.pki.DeviceCa;
import io.keyfleet.auth.support.Harness;
import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.TestCertificates;
import io.keyfleet.auth.support.TestDevices;
import io.keyfleet.auth.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EST (RFC 7030) end to end on the shared dev server, over real TLS, with real Redis and
 * real crypto, {@code openssl} making CSRs and reading the PKCS#7 answers.
 */
class EstIntegrationTests {

	private static TestServer server;

	private static Http http;

	private static String admin;

	private static EstClient est;

	private static DeviceCa deviceCa;

	@BeforeAll
	static void start() {
		Harness harness = Harness.shared();
		server = harness.server();
		http = harness.http();
		admin = harness.admin();
		est = new EstClient(server, server.sslContext());
		deviceCa = server.context().getBean(DeviceCa.class);
	}

	@Test
	void cacertsThenDeviceCaAndRootAsBase64CertsOnly() throws Exception {
		HttpResponse<String> response = est.get("cacerts");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pkcs7-mime");
		assertThat(response.headers().firstValue("Content-Transfer-Encoding")).hasValue("base64");
		List<X509Certificate> certificates = EstClient.certificates(response.body());
		assertThat(certificates).hasSize(2).contains(deviceCa.certificate());
		// openssl prints "subject=CN = Keyfleet Dev Device CA, O = ..."
		assertThat(EstClient.opensslPrintCerts(response.body())).contains("subject=CN = Keyfleet Dev Device CA")
			.contains("subject=CN = Keyfleet Dev Root CA");
	}

	@Test
	void simpleenrollWithTokenThenCertificateForTheDeviceThatWorksForTlsClientAuthAndTokenIsUsedUp()
			throws Exception {
		String id = registerDevice();
		String token = enrollmentToken(id);
		EstClient.OpensslCsr csr = EstClient.opensslCsr("/CN=anything");

		HttpResponse<String> response = est.post("simpleenroll", token, csr.der());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValue("application/pkcs7-mime;smime-type=certs-only");
		assertThat(response.headers().firstValue("Content-Transfer-Encoding")).hasValue("base64");
		assertThat(EstClient.opensslPrintCerts(response.body())).contains("subject=CN = " + id + "\n")
			.doesNotContain("anything");
		X509Certificate certificate = EstClient.certificates(response.body()).get(0);
		assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=" + id);
		assertThat(certificate.getPublicKey().getEncoded()).isEqualTo(csr.pair().getPublic().getEncoded());
		certificate.verify(deviceCa.certificate().getPublicKey());
		Http.Response issued = tokenWith(csr.pair(), certificate, id);
		assertThat(issued.status()).as(issued.body()).isEqualTo(200);

		HttpResponse<String> again = est.post("simpleenroll", token, EstClient.csr(TestCertificates.newKeyPair(), "CN=x"));
		assertThat(again.statusCode()).isEqualTo(401);
		assertThat(again.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				challenge -> assertThat(challenge).startsWith("Bearer"));
	}

	@Test
	void simpleenrollWithTokenAndCsrClaimingAnotherDeviceThenCertificateNamesTheTokensDevice() throws Exception {
		String id = registerDevice();
		String other = registerDevice();

		HttpResponse<String> response = est.post("simpleenroll", enrollmentToken(id),
				EstClient.csr(TestCertificates.newKeyPair(), "CN=" + other));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(EstClient.certificates(response.body()).get(0).getSubjectX500Principal().getName())
			.isEqualTo("CN=" + id);
		assertThat(server.context().getBean(CertificateStore.class).serialsOf(other)).isEmpty();
	}

	@Test
	void simpleenrollWhenRegisteredSubjectIsAnotherThenItBecomesTheIssuedSubject() throws Exception {
		String id = TestDevices.newId("est");
		Map<String, Object> body = TestDevices.standard(id, "tls_client_auth", null);
		body.put("tls_client_auth_subject_dn", "CN=factory-serial-4711,O=Acme");
		TestDevices.register(http, admin, body);
		KeyPair pair = TestCertificates.newKeyPair();

		X509Certificate certificate = EstClient
			.certificates(est.post("simpleenroll", enrollmentToken(id), EstClient.csr(pair, "CN=" + id)).body())
			.get(0);

		assertThat(http.get("/api/v1/devices/" + id, admin).json().get("tls_client_auth_subject_dn").asString())
			.isEqualTo("CN=" + id);
		Http.Response issued = tokenWith(pair, certificate, id);
		assertThat(issued.status()).as(issued.body()).isEqualTo(200);
	}

	@Test
	void simpleenrollWhenCsrSignatureFailsThenBadRequestAndTokenStillUsable() throws Exception {
		String id = registerDevice();
		String token = enrollmentToken(id);
		byte[] tampered = EstClient.csr(TestCertificates.newKeyPair(), "CN=" + id);
		tampered[tampered.length - 5] ^= 0x01; // inside the signature

		HttpResponse<String> refused = est.post("simpleenroll", token, tampered);

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("text/plain"));
		assertThat(est.post("simpleenroll", token, EstClient.csr(TestCertificates.newKeyPair(), "CN=" + id))
			.statusCode()).isEqualTo(200);
	}

	@Test
	void simpleenrollWhenBodyIsNotAPkcs10RequestThenBadRequest() throws Exception {
		String token = enrollmentToken(registerDevice());
		String csr = java.util.Base64.getEncoder().encodeToString(EstClient.csr(TestCertificates.newKeyPair(), "CN=x"));

		assertThat(est.post("simpleenroll", token, "application/json", csr).statusCode()).isEqualTo(400);
		assertThat(est.post("simpleenroll", token, "application/pkcs10", "").statusCode()).isEqualTo(400);
		assertThat(est.post("simpleenroll", token, "application/pkcs10", "bm90IGEgQ1NS").statusCode())
			.isEqualTo(400);
	}

	@Test
	void simpleenrollWithoutAuthenticationThenUnauthorizedWithChallenge() throws Exception {
		HttpResponse<String> response = est.post("simpleenroll", null,
				EstClient.csr(TestCertificates.newKeyPair(), "CN=x"));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(EstController.CHALLENGE);
		assertThat(est.post("simpleenroll", "not-a-token", EstClient.csr(TestCertificates.newKeyPair(), "CN=x"))
			.statusCode()).isEqualTo(401);
		// authentication is checked before the body: no hint about what else is wrong
		assertThat(est.post("simpleenroll", null, "application/json", "{}").statusCode()).isEqualTo(401);
	}

	@Test
	void simpleenrollWhenDeviceSuspendedThenForbiddenAndTokenStillUsableOnceResumed() throws Exception {
		String id = registerDevice();
		String token = enrollmentToken(id);
		assertThat(http.postJson("/api/v1/devices/" + id + "/suspend", admin, "{}").status()).isEqualTo(204);

		assertThat(est.post("simpleenroll", token, EstClient.csr(TestCertificates.newKeyPair(), "CN=x")).statusCode())
			.isEqualTo(403);

		assertThat(http.postJson("/api/v1/devices/" + id + "/resume", admin, "{}").status()).isEqualTo(204);
		assertThat(est.post("simpleenroll", token, EstClient.csr(TestCertificates.newKeyPair(), "CN=x")).statusCode())
			.isEqualTo(200);
	}

	@Test
	void simpleenrollWithCertificateFromAnUntrustedCaThenUnauthorized() throws Exception {
		String id = registerDevice();
		KeyPair pair = TestCertificates.newKeyPair();
		TestCertificates.Ca rogue = TestCertificates.newCa("CN=Rogue Manufacturer CA");
		EstClient withRogue = new EstClient(server, TestCertificates.presenting(server, pair.getPrivate(),
				TestCertificates.fromCa(rogue, pair, "CN=" + id), rogue.certificate()));

		HttpResponse<String> response = withRogue.post("simpleenroll", null, EstClient.csr(pair, "CN=" + id));

		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void simplereenrollWithOperationalCertificateThenNewCertificateAndThePreviousOneStaysGood() throws Exception {
		String id = registerDevice();
		KeyPair first = TestCertificates.newKeyPair();
		X509Certificate current = EstClient
			.certificates(est.post("simpleenroll", enrollmentToken(id), EstClient.csr(first, "CN=" + id)).body())
			.get(0);
		EstClient withCurrent = new EstClient(server, TestCertificates.presenting(server, first.getPrivate(), current));
		KeyPair next = TestCertificates.newKeyPair();

		HttpResponse<String> response = withCurrent.post("simplereenroll", null, EstClient.csr(next, "CN=whatever"));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		X509Certificate renewed = EstClient.certificates(response.body()).get(0);
		assertThat(renewed.getSubjectX500Principal().getName()).isEqualTo("CN=" + id);
		assertThat(renewed.getSerialNumber()).isNotEqualTo(current.getSerialNumber());
		assertThat(renewed.getPublicKey().getEncoded()).isEqualTo(next.getPublic().getEncoded());
		assertThat(server.context().getBean(CertificateStore.class).find(current.getSerialNumber()).orElseThrow()
			.revoked()).isFalse();
		assertThat(tokenWith(next, renewed, id).status()).isEqualTo(200);
	}

	@Test
	void simplereenrollWithRevokedCertificateThenUnauthorized() throws Exception {
		String id = registerDevice();
		KeyPair pair = TestCertificates.newKeyPair();
		X509Certificate current = EstClient
			.certificates(est.post("simpleenroll", enrollmentToken(id), EstClient.csr(pair, "CN=" + id)).body())
			.get(0);
		assertThat(http.postJson("/api/v1/certificates/" + current.getSerialNumber().toString(16) + "/revoke", admin,
				"{}").status()).isEqualTo(204);

		HttpResponse<String> response = new EstClient(server,
				TestCertificates.presenting(server, pair.getPrivate(), current))
			.post("simplereenroll", null, EstClient.csr(TestCertificates.newKeyPair(), "CN=" + id));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
	}

	@Test
	void simplereenrollWithoutACertificateOfTheDeviceCaThenUnauthorized() throws Exception {
		String id = registerDevice();
		KeyPair pair = TestCertificates.newKeyPair();
		// signed by the device CA but never issued by Keyfleet: no cert:<serial> record
		EstClient forged = new EstClient(server, TestCertificates.presenting(server, pair.getPrivate(),
				TestCertificates.fromDeviceCa(server, pair, "CN=" + id, null)));

		assertThat(est.post("simplereenroll", enrollmentToken(id), EstClient.csr(pair, "CN=" + id)).statusCode())
			.isEqualTo(401);
		assertThat(forged.post("simplereenroll", null, EstClient.csr(pair, "CN=" + id)).statusCode()).isEqualTo(401);
	}

	@Test
	void enrollmentTokenWhenUnknownDeviceThenNotFoundAndWithoutAdminTokenUnauthorized() {
		assertThat(http.postJson("/api/v1/devices/no-such-device/enrollment-token", admin, "").status())
			.isEqualTo(404);
		assertThat(http.postJson("/api/v1/devices/" + registerDevice() + "/enrollment-token", null, "").status())
			.isEqualTo(401);
	}

	static String registerDevice() {
		String id = TestDevices.newId("est");
		Map<String, Object> body = TestDevices.standard(id, "tls_client_auth", null);
		body.put("tls_client_auth_subject_dn", "CN=" + id);
		TestDevices.register(http, admin, body);
		return id;
	}

	static String enrollmentToken(String id) {
		Http.Response response = http.postJson("/api/v1/devices/" + id + "/enrollment-token", admin, "");
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.json().get("expires_in").asLong()).isEqualTo(86400);
		return response.json().get("enrollment_token").asString();
	}

	private static Http.Response tokenWith(KeyPair pair, X509Certificate certificate, String id) {
		return new Http(server, TestCertificates.presenting(server, pair.getPrivate(), certificate))
			.form("/oauth2/token", null, "grant_type=client_credentials&client_id=" + id);
	}

}
