package io.keyfleet.auth.provisioning;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpServer;

import io.keyfleet.auth.est.EstClient;
import io.keyfleet.auth.keys.Pem;
import io.keyfleet.auth.support.Http;
import io.keyfleet.auth.support.TestCertificates;
import io.keyfleet.auth.support.TestDevices;
import io.keyfleet.auth.support.TestServer;

/** Enrollment groups and factory certificates for the tests, and a device's first contacts. */
final class TestGroups {

	static final String MODEL = "KF-JIT-200";

	private TestGroups() {
	}

	static Map<String, Object> body(String id, TestCertificates.Ca ca, String approval) {
		Map<String, Object> template = new LinkedHashMap<>();
		template.put("model", MODEL);
		template.put("allowed_scopes", List.of("telemetry:write"));
		template.put("allowed_resources", List.of(TestDevices.RESOURCE));
		template.put("labels", Map.of("line", "7"));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", id);
		body.put("manufacturer_ca", Pem.write(ca.certificate()));
		body.put("template", template);
		body.put("approval", approval);
		return body;
	}

	static Http.Response create(Http http, String admin, Map<String, Object> body) {
		return http.postJson("/api/v1/enrollment-groups", admin, Http.JSON.writeValueAsString(body));
	}

	/** Creates a group with a new CA and returns the CA. */
	static TestCertificates.Ca newGroup(Http http, String admin, String id, String approval) {
		TestCertificates.Ca ca = TestCertificates.newCa("CN=Acme Manufacturing CA " + id);
		Http.Response created = create(http, admin, body(id, ca, approval));
		if (created.status() != 201) {
			throw new IllegalStateException("group not created: " + created.status() + " " + created.body());
		}
		return ca;
	}

	static String pem(X509CRL crl) {
		try {
			return "-----BEGIN X509 CRL-----\n" + Base64.getMimeEncoder().encodeToString(crl.getEncoded())
					+ "\n-----END X509 CRL-----\n";
		}
		catch (java.security.cert.CRLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A started HTTP server on loopback answering {@code GET /crl} with whatever
	 * {@code body} supplies at that moment (a manufacturer's CRL server); stop it after use.
	 */
	static HttpServer crlServer(Supplier<byte[]> body, Runnable onRequest) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/crl", exchange -> {
				onRequest.run();
				byte[] bytes = body.get();
				exchange.sendResponseHeaders(200, bytes.length);
				exchange.getResponseBody().write(bytes);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	static String crlUrl(HttpServer server) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/crl";
	}

	/** A device's factory certificate and key. */
	record Factory(KeyPair key, X509Certificate certificate) {

		static Factory of(TestCertificates.Ca ca, String subject) {
			KeyPair key = TestCertificates.newKeyPair();
			return new Factory(key, TestCertificates.fromCa(ca, key, subject));
		}

		Http.Response token(TestServer server, String clientId) {
			return new Http(server, TestCertificates.presenting(server, this.key.getPrivate(), this.certificate))
				.form("/oauth2/token", null, "grant_type=client_credentials&client_id=" + clientId);
		}

		HttpResponse<String> simpleenroll(TestServer server, KeyPair operational) throws Exception {
			return new EstClient(server, TestCertificates.presenting(server, this.key.getPrivate(), this.certificate))
				.post("simpleenroll", null, EstClient.csr(operational, "CN=whatever"));
		}

	}

}
