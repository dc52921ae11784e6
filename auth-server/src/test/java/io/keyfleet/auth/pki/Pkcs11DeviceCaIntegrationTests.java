package io.keyfleet.auth.pki;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.keyfleet.auth.est.EstClient;
import io.keyfleet.auth.keys.Pem;
import io.keyfleet.auth.keys.SoftHsm;
import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.OAuthClient;
import io.keyfleet.auth.support.TestDevices;
import io.keyfleet.auth.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A server whose device CA key and token-signing key are both in one SoftHSM2 token
 * ({@code keyfleet.pki.device-ca.pkcs11.*} and {@code keyfleet.keys.pkcs11.*}, two SunPKCS11
 * instances over one module), with {@code openssl} as the outside judge: the device
 * certificate EST issues verifies up to the root, the CRL and the OCSP answers (RFC 5280,
 * RFC 6960) verify, and access tokens still verify with the token-signing key. Production
 * mode refuses to start with two sources, a wrong PKCS#12 password, a wrong PIN or an
 * unknown label, and shows no secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class Pkcs11DeviceCaIntegrationTests {

	private static SoftHsmDeviceCa hsmCa;

	private static TestServer server;

	@BeforeAll
	static void start() {
		hsmCa = SoftHsmDeviceCa.get();
		Map<String, Object> properties = caInToken(hsmCa.hsm().slot(), hsmCa.hsm().pin(), SoftHsmDeviceCa.LABEL);
		SoftHsm hsm = hsmCa.hsm();
		properties.put("keyfleet.keys.pkcs11.library", hsm.library().toString());
		properties.put("keyfleet.keys.pkcs11.slot", hsm.slot());
		properties.put("keyfleet.keys.pkcs11.pin", hsm.pin());
		properties.put("keyfleet.keys.pkcs11.key-label", SoftHsm.KEY_LABEL);
		properties.put("keyfleet.pki.device-ca.chain", hsmCa.root().toString());
		properties.put("keyfleet.mtls.trusted-ca-files[0]", hsmCa.certificate().toString());
		server = TestServer.start(properties);
	}

	@AfterAll
	static void stop() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void enrollWhenCaKeyInTokenThenOpensslAcceptsCertificateCrlAndOcspAndAccessTokensVerify() throws Exception {
		Http http = new Http(server);
		String admin = new OAuthClient(server).adminToken();
		EstClient est = new EstClient(server, server.sslContext());
		assertThat(EstClient.certificates(est.get("cacerts").body())).extracting(c -> c.getSubjectX500Principal().getName())
			.containsExactly("CN=Keyfleet Test HSM Device CA", "CN=Keyfleet Test HSM Root");
		String id = TestDevices.newId("hsm-ca");
		Map<String, Object> device = TestDevices.standard(id, "tls_client_auth", null);
		device.put("tls_client_auth_subject_dn", "CN=" + id);
		TestDevices.register(http, admin, device);
		String enrollment = http.postJson("/api/v1/devices/" + id + "/enrollment-token", admin, "")
			.json()
			.get("enrollment_token")
			.asString();

		HttpResponse<String> enrolled = est.post("simpleenroll", enrollment, EstClient.opensslCsr("/CN=" + id).der());

		assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
		X509Certificate certificate = EstClient.certificates(enrolled.body()).get(0);
		Path pem = Files.writeString(Files.createTempFile("keyfleet-hsm-device-", ".pem"), Pem.write(certificate));
		assertThat(openssl("verify", "-CAfile", hsmCa.root(), "-untrusted", hsmCa.certificate(), pem))
			.contains(pem + ": OK");
		String serial = opensslSerial(certificate);
		assertThat(ocsp(serial)).contains(": good").contains("Response verify OK");

		assertThat(http.postJson("/api/v1/certificates/" + serial + "/revoke", admin, "{\"reason\":\"keyCompromise\"}")
			.status()).isEqualTo(204);

		assertThat(ocsp(serial)).contains(": revoked").contains("Response verify OK").doesNotContain("WARNING");
		Path crl = Files.write(Files.createTempFile("keyfleet-hsm-crl-", ".der"), http.getBytes("/pki/crl"));
		assertThat(openssl("crl", "-inform", "DER", "-in", crl, "-CAfile", hsmCa.trustAnchors(), "-noout", "-text"))
			.contains("verify OK")
			.contains("Serial Number: " + serial);
		SignedJWT jwt = SignedJWT.parse(admin);
		assertThat(jwt.verify(new ECDSAVerifier(hsmCa.hsm().publicKey()))).isTrue();
	}

	@Test
	void startWhenProductionAndTwoSourcesThenRefusedNamingTheProperties(CapturedOutput output) {
		Map<String, Object> properties = production(caInToken(hsmCa.hsm().slot(), hsmCa.hsm().pin(), SoftHsmDeviceCa.LABEL));
		properties.put("keyfleet.pki.device-ca.certificate", server.dataDir().resolve("ca/device-ca.pem").toString());
		properties.put("keyfleet.pki.device-ca.private-key", server.dataDir().resolve("ca/device-ca-key.pem").toString());

		assertThat(refusal(properties)).contains("configure one source of the device CA")
			.contains("keyfleet.pki.device-ca.certificate")
			.contains("keyfleet.pki.device-ca.pkcs11.*");
		assertThat(output.getAll()).doesNotContain(hsmCa.hsm().pin());
	}

	@Test
	void startWhenProductionAndWrongPinThenRefusedWithoutShowingThePin(CapturedOutput output) {
		String wrong = "wrong-" + SoftHsm.sparePin();

		assertThat(refusal(production(caInToken(hsmCa.hsm().spareSlot(), wrong, SoftHsmDeviceCa.LABEL))))
			.contains("keyfleet.pki.device-ca.pkcs11: cannot log in")
			.doesNotContain(wrong);
		assertThat(output.getAll()).doesNotContain(wrong);
	}

	@Test
	void startWhenProductionAndNoKeyWithTheLabelThenRefused(CapturedOutput output) {
		assertThat(refusal(production(caInToken(hsmCa.hsm().slot(), hsmCa.hsm().pin(), "no-such-ca"))))
			.contains("keyfleet.pki.device-ca.pkcs11")
			.contains("'no-such-ca'");
		assertThat(output.getAll()).doesNotContain(hsmCa.hsm().pin());
	}

	@Test
	void startWhenProductionAndWrongPkcs12PasswordThenRefusedWithoutShowingIt(CapturedOutput output) throws Exception {
		Path dir = server.dataDir().resolve("ca");
		String password = "p12-Right-93c1";
		String wrong = "p12-Wrong-93c1";
		SoftHsm.run(dir, "openssl", "pkcs12", "-export", "-inkey", "device-ca-key.pem", "-in", "device-ca.pem",
				"-passout", "pass:" + password, "-out", "device-ca.p12");
		Map<String, Object> properties = production(new HashMap<>());
		properties.put("keyfleet.pki.device-ca.pkcs12.path", dir.resolve("device-ca.p12").toString());
		properties.put("keyfleet.pki.device-ca.pkcs12.password", wrong);

		assertThat(refusal(properties)).contains("keyfleet.pki.device-ca.pkcs12").doesNotContain(wrong);
		assertThat(output.getAll()).doesNotContain(wrong).doesNotContain(password);
	}

	private static Map<String, Object> caInToken(long slot, String pin, String label) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("keyfleet.pki.device-ca.pkcs11.library", hsmCa.hsm().library().toString());
		properties.put("keyfleet.pki.device-ca.pkcs11.slot", slot);
		properties.put("keyfleet.pki.device-ca.pkcs11.pin", pin);
		properties.put("keyfleet.pki.device-ca.pkcs11.key-label", label);
		return properties;
	}

	/** Production mode with the dev server's TLS certificate, keys and Redis: only the CA differs. */
	private static Map<String, Object> production(Map<String, Object> properties) {
		Path material = server.dataDir();
		properties.put("keyfleet.mode", "production");
		properties.put("keyfleet.data-dir", material.toString());
		properties.put("keyfleet.issuer", "https://localhost");
		properties.put("keyfleet.keys.signing-key", material.resolve("keys/signing-key.pem").toString());
		properties.put("keyfleet.keys.kek", material.resolve("keys/kek.key").toString());
		properties.put("server.ssl.certificate", "file:" + material.resolve("tls/server.pem"));
		properties.put("server.ssl.certificate-private-key", "file:" + material.resolve("tls/server-key.pem"));
		properties.put("server.ssl.trust-certificate", "file:" + material.resolve("ca/root.pem"));
		return properties;
	}

	/** Every message of the start's failure, causes included. */
	private static String refusal(Map<String, Object> properties) {
		Throwable failure = catchThrowable(() -> TestServer.start(properties).close());
		assertThat(failure).as("the start must fail").isNotNull();
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

	private static String ocsp(String serial) throws Exception {
		return openssl("ocsp", "-issuer", hsmCa.certificate(), "-serial", "0x" + serial, "-url",
				server.url("/pki/ocsp"), "-CAfile", hsmCa.trustAnchors(), "-resp_text");
	}

	/** The serial as openssl prints it: whole bytes, upper case. */
	private static String opensslSerial(X509Certificate certificate) {
		String hex = certificate.getSerialNumber().toString(16).toUpperCase();
		return (hex.length() % 2 == 0) ? hex : "0" + hex;
	}

	private static String openssl(Object... args) throws Exception {
		return EstClient.openssl(null, List.of(args).stream().map(Object::toString).toArray(String[]::new));
	}

}
