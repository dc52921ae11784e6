package io.keyfleet.auth.pki;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.keyfleet.auth.client.ClientRecord;
import io.keyfleet.auth.client.ClientRegistry;
import io.keyfleet.auth.client.ClientConflictException;
import io.keyfleet.auth.support.Harness;
import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.TestCertificates;
import io.keyfleet.auth.support.TestDevices;
import io.keyfleet.auth.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The device PKI end to end, with real crypto, Redis and TLS, and the real {@code openssl}
 * binary as the outside judge of the CRL (RFC 5280) and the OCSP responder (RFC 6960):
 * a certificate issued from a CSR works for {@code tls_client_auth}; once revoked through
 * the admin API, the CRL lists it with its reason, OCSP says revoked, and mTLS refuses it.
 */
class PkiIntegrationTests {

	private static TestServer server;

	private static Http http;

	private static String admin;

	private static CertificateIssuer issuer;

	private static CertificateStore store;

	@BeforeAll
	static void start() {
		Harness harness = Harness.shared();
		server = harness.server();
		http = harness.http();
		admin = harness.admin();
		issuer = server.context().getBean(CertificateIssuer.class);
		store = server.context().getBean(CertificateStore.class);
	}

	@Test
	void revokeThenCrlAndOcspSayRevokedAndMutualTlsRefusesTheCertificate() throws Exception {
		String id = registerDevice();
		KeyPair pair = TestCertificates.newKeyPair();
		X509Certificate certificate = issuer.issue(id, csr(pair, "CN=someone-else"));
		// as openssl prints it: whole bytes, so a leading zero nibble stays (about one serial in eight)
		String hex = certificate.getSerialNumber().toString(16).toUpperCase();
		String serial = (hex.length() % 2 == 0) ? hex : "0" + hex;
		assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=" + id);
		assertThat(token(pair, certificate, id).status()).isEqualTo(200);
		assertThat(openssl("ocsp", "-issuer", deviceCa(), "-serial", "0x" + serial, "-url", server.url("/pki/ocsp"),
				"-CAfile", trustAnchors(), "-resp_text")).contains(": good").contains("Response verify OK");

		Http.Response revoked = http.postJson("/api/v1/certificates/" + serial + "/revoke", admin,
				"{\"reason\":\"keyCompromise\"}");

		assertThat(revoked.status()).as(revoked.body()).isEqualTo(204);
		assertThat(openssl("ocsp", "-issuer", deviceCa(), "-serial", "0x" + serial, "-url", server.url("/pki/ocsp"),
				"-CAfile", trustAnchors(), "-resp_text")).contains(": revoked")
			.contains("Reason: keyCompromise")
			.contains("Response verify OK")
			// openssl sends a nonce and warns when the response does not echo it (RFC 8954)
			.doesNotContain("WARNING");
		Path crl = Files.createTempFile("keyfleet-crl-", ".der");
		HttpResponse<byte[]> crlResponse = getBytes("/pki/crl");
		assertThat(crlResponse.headers().firstValue("Content-Type")).hasValue("application/pkix-crl");
		Files.write(crl, crlResponse.body());
		String crlText = openssl("crl", "-inform", "DER", "-in", crl.toString(), "-CAfile", trustAnchors(), "-noout",
				"-text");
		assertThat(crlText).contains("verify OK")
			.contains("Serial Number: " + serial)
			.contains("Key Compromise")
			.contains("X509v3 CRL Number")
			.contains("X509v3 Authority Key Identifier")
			.contains("Next Update");
		Http.Response refused = token(pair, certificate, id);
		assertThat(refused.status()).as(refused.body()).isEqualTo(401);
		assertThat(refused.json().get("error").asString()).isEqualTo("invalid_client");
	}

	@Test
	void retireThenEveryCertificateOfTheDeviceIsRevoked() {
		String id = registerDevice();
		X509Certificate first = issuer.issue(id, csr(TestCertificates.newKeyPair(), "CN=" + id));
		X509Certificate second = issuer.issue(id, csr(TestCertificates.newKeyPair(), "CN=" + id));

		assertThat(http.delete("/api/v1/devices/" + id, admin).status()).isEqualTo(204);

		for (X509Certificate certificate : List.of(first, second)) {
			CertificateRecord record = store.find(certificate.getSerialNumber()).orElseThrow();
			assertThat(record.revoked()).isTrue();
			assertThat(record.reason()).isEqualTo(RevocationReason.cessationOfOperation);
		}
	}

	@Test
	void revokeWhenAlreadyRevokedThenNoContentAndTheFirstReasonStands() {
		String id = registerDevice();
		X509Certificate certificate = issuer.issue(id, csr(TestCertificates.newKeyPair(), "CN=" + id));
		String path = "/api/v1/certificates/00" + certificate.getSerialNumber().toString(16).toUpperCase() + "/revoke";

		assertThat(http.postJson(path, admin, "{\"reason\":\"superseded\"}").status()).isEqualTo(204);
		assertThat(http.postJson(path, admin, "{\"reason\":\"keyCompromise\"}").status()).isEqualTo(204);

		assertThat(store.find(certificate.getSerialNumber()).orElseThrow().reason())
			.isEqualTo(RevocationReason.superseded);
	}

	@Test
	void revokeWhenNoBodyThenNoContentWhateverTheContentTypeButAFormBodyIsUnsupported() {
		String id = registerDevice();
		X509Certificate formBody = issuer.issue(id, csr(TestCertificates.newKeyPair(), "CN=" + id));
		X509Certificate noBody = issuer.issue(id, csr(TestCertificates.newKeyPair(), "CN=" + id));

		Http.Response refused = http.post("/api/v1/certificates/" + formBody.getSerialNumber().toString(16) + "/revoke",
				admin, "application/x-www-form-urlencoded", "reason=keyCompromise");
		Http.Response revoked = http.post("/api/v1/certificates/" + noBody.getSerialNumber().toString(16) + "/revoke",
				admin, "application/x-www-form-urlencoded", "");

		assertThat(refused.status()).isEqualTo(415);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(store.find(formBody.getSerialNumber()).orElseThrow().revoked()).isFalse();
		assertThat(revoked.status()).as(revoked.body()).isEqualTo(204);
		assertThat(store.find(noBody.getSerialNumber()).orElseThrow().reason()).isEqualTo(RevocationReason.unspecified);
		Http.Response malformed = http.postJson(
				"/api/v1/certificates/" + formBody.getSerialNumber().toString(16) + "/revoke", admin, "{\"reason\":");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.contentType()).startsWith("application/problem+json");
		assertThat(store.find(formBody.getSerialNumber()).orElseThrow().revoked()).isFalse();
	}

	@Test
	void issueWhenDeviceRetiredAfterItsRegistrationWasReadThenRefusedAndNothingRecorded() {
		String id = registerDevice();
		ClientRecord readBeforeRetirement = server.context().getBean(ClientRegistry.class).find(id).orElseThrow();
		assertThat(http.delete("/api/v1/devices/" + id, admin).status()).isEqualTo(204);

		assertThatExceptionOfType(ClientConflictException.class).isThrownBy(() -> issuer.issue(readBeforeRetirement,
				CsrCheck.verify(csr(TestCertificates.newKeyPair(), "CN=" + id))));
		assertThat(store.serialsOf(id)).isEmpty();
	}

	@Test
	void revokeWhenUnknownSerialThenNotFoundProblem() {
		Http.Response response = http.postJson("/api/v1/certificates/0123abcdef/revoke", admin, "{}");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(http.postJson("/api/v1/certificates/not-hex/revoke", admin, "{}").status()).isEqualTo(404);
	}

	@Test
	void revokeWhenReasonUnknownThenBadRequestProblem() {
		String id = registerDevice();
		X509Certificate certificate = issuer.issue(id, csr(TestCertificates.newKeyPair(), "CN=" + id));

		Http.Response response = http.postJson(
				"/api/v1/certificates/" + certificate.getSerialNumber().toString(16) + "/revoke", admin,
				"{\"reason\":\"bored\"}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(store.find(certificate.getSerialNumber()).orElseThrow().revoked()).isFalse();
	}

	@Test
	void revokeWithoutAdminTokenThenUnauthorized() {
		assertThat(http.postJson("/api/v1/certificates/01/revoke", null, "{}").status()).isEqualTo(401);
	}

	@Test
	void issueWhenCsrSignatureDoesNotVerifyThenInvalidCsr() {
		String id = registerDevice();
		byte[] tampered = csr(TestCertificates.newKeyPair(), "CN=" + id);
		tampered[tampered.length - 5] ^= 0x01; // inside the signature

		assertThatExceptionOfType(InvalidCsrException.class).isThrownBy(() -> issuer.issue(id, tampered));
		assertThatExceptionOfType(InvalidCsrException.class).isThrownBy(() -> issuer.issue(id, new byte[] { 1, 2 }));
	}

	@Test
	void ocspWhenRequestMalformedThenMalformedRequestStatus() throws Exception {
		HttpResponse<byte[]> response = HttpClient.newBuilder()
			.sslContext(server.sslContext())
			.build()
			.send(HttpRequest.newBuilder(URI.create(server.url("/pki/ocsp")))
				.header("Content-Type", "application/ocsp-request")
				.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] { 0x30, 0x03, 0x01 }))
				.build(), HttpResponse.BodyHandlers.ofByteArray());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(new OCSPResp(response.body()).getStatus()).isEqualTo(OCSPRespBuilder.MALFORMED_REQUEST);
		assertThat(new OCSPResp(getBytes("/pki/ocsp/!!not-base64!!").body()).getStatus())
			.isEqualTo(OCSPRespBuilder.MALFORMED_REQUEST);
	}

	@Test
	void ocspGetWhenRequestInThePathThenGoodForAFreshCertificate() throws Exception {
		String id = registerDevice();
		X509Certificate certificate = issuer.issue(id, csr(TestCertificates.newKeyPair(), "CN=" + id));
		byte[] request = new OCSPReqBuilder().addRequest(new CertificateID(
				new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
				new JcaX509CertificateHolder(server.context().getBean(DeviceCa.class).certificate()),
				certificate.getSerialNumber()))
			.build()
			.getEncoded();
		// RFC 6960 Appendix A.1: the URL encoding of the base64 encoding of the DER request
		String path = "/pki/ocsp/" + URLEncoder.encode(Base64.getEncoder().encodeToString(request), StandardCharsets.US_ASCII);

		HttpResponse<byte[]> response = getBytes(path);

		assertThat(response.statusCode()).as(path + " " + new String(response.body())).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/ocsp-response");
		BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(response.body()).getResponseObject();
		assertThat(basic.getResponses()[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
	}

	private static String registerDevice() {
		String id = TestDevices.newId("pki");
		Map<String, Object> body = TestDevices.standard(id, "tls_client_auth", null);
		body.put("tls_client_auth_subject_dn", "CN=" + id);
		TestDevices.register(http, admin, body);
		return id;
	}

	private static byte[] csr(KeyPair pair, String subject) {
		try {
			return new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), pair.getPublic())
				.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()))
				.getEncoded();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Http.Response token(KeyPair pair, X509Certificate certificate, String id) {
		return new Http(server, TestCertificates.presenting(server, pair.getPrivate(), certificate))
			.form("/oauth2/token", null, "grant_type=client_credentials&client_id=" + id);
	}

	private static HttpResponse<byte[]> getBytes(String path) throws Exception {
		return HttpClient.newBuilder()
			.sslContext(server.sslContext())
			.build()
			.send(HttpRequest.newBuilder(URI.create(server.url(path))).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
	}

	private static String deviceCa() {
		return server.dataDir().resolve("ca/device-ca.pem").toString();
	}

	/** The dev root and the device CA, one PEM file: what a relying party trusts. */
	private static String trustAnchors() throws Exception {
		Path file = server.dataDir().resolve("ca/trust-anchors.pem");
		if (!Files.exists(file)) {
			Files.writeString(file, Files.readString(server.dataDir().resolve("ca/root.pem"))
					+ Files.readString(server.dataDir().resolve("ca/device-ca.pem")));
		}
		return file.toString();
	}

	/** Runs {@code openssl}, returning stdout and stderr together (it reports verification on stderr). */
	private static String openssl(String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("openssl"));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

}
