package io.keyfleet.auth.pki;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;

import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.keyfleet.auth.support.Harness;
import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.TestCertificates;
import io.keyfleet.auth.support.TestDevices;
import io.keyfleet.auth.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OCSP response cache across two nodes of one deployment (same device CA, same Redis
 * prefix): a node that serves a cached {@code good} for a certificate answers
 * {@code revoked} as soon as the certificate is revoked through the other node — well
 * within {@code keyfleet.pki.ocsp-cache-lifetime}, since the shared revocation counter
 * moved.
 */
class OcspCacheIntegrationTests {

	private static Harness harness;

	private static TestServer other;

	@BeforeAll
	static void start() {
		harness = Harness.shared();
		other = TestServer.start(Map.of("keyfleet.data-dir", harness.server().dataDir().toString(), "keyfleet.issuer",
				harness.server().issuer(), "keyfleet.pki.ocsp-cache-lifetime", "10m"));
	}

	@AfterAll
	static void stop() {
		if (other != null) {
			other.close();
		}
	}

	@Test
	void ocspGetWhenCachedGoodOnOneNodeAndRevokedOnTheOtherThenRevokedAtOnce() throws Exception {
		String id = TestDevices.newId("ocsp-cache");
		Map<String, Object> device = TestDevices.standard(id, "tls_client_auth", null);
		device.put("tls_client_auth_subject_dn", "CN=" + id);
		TestDevices.register(harness.http(), harness.admin(), device);
		X509Certificate certificate = harness.server().context().getBean(CertificateIssuer.class)
			.issue(id, PkiFixtures.csr(TestCertificates.newKeyPair(), "CN=" + id));
		String path = getPath(certificate);
		byte[] first = get(path);

		assertThat(get(path)).as("served from the cache: the same signature").isEqualTo(first);
		assertThat(single(first).getCertStatus()).isEqualTo(CertificateStatus.GOOD);

		assertThat(harness.http()
			.postJson("/api/v1/certificates/" + certificate.getSerialNumber().toString(16) + "/revoke",
					harness.admin(), "{\"reason\":\"keyCompromise\"}")
			.status()).isEqualTo(204);

		assertThat(single(get(path)).getCertStatus()).isInstanceOf(RevokedStatus.class);
	}

	/** RFC 6960 Appendix A.1: the URL encoding of the base64 of the DER request, no nonce. */
	private static String getPath(X509Certificate certificate) throws Exception {
		byte[] request = new OCSPReqBuilder().addRequest(new CertificateID(
				new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
				new JcaX509CertificateHolder(harness.server().context().getBean(DeviceCa.class).certificate()),
				certificate.getSerialNumber()))
			.build()
			.getEncoded();
		return "/pki/ocsp/" + URLEncoder.encode(Base64.getEncoder().encodeToString(request), StandardCharsets.US_ASCII);
	}

	private static byte[] get(String path) {
		return new Http(other).getBytes(path);
	}

	private static SingleResp single(byte[] response) throws Exception {
		return ((BasicOCSPResp) new OCSPResp(response).getResponseObject()).getResponses()[0];
	}

}
