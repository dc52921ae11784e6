package io.keyfleet.auth.est;

import java.net.URI;
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
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import io.keyfleet.auth.keys.Pem;
import io.keyfleet.auth.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A minimal EST client for the tests, plus {@code openssl} as the outside judge. Public for
 * the device-CA tests ({@code pki}), which enroll with a CA in a PKCS#11 token.
 */
public final class EstClient {

	private final TestServer server;

	private final SSLContext tls;

	public EstClient(TestServer server, SSLContext tls) {
		this.server = server;
		this.tls = tls;
	}

	public HttpResponse<String> get(String operation) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(this.server.url("/.well-known/est/" + operation))).GET());
	}

	/** POSTs a DER CSR base64-encoded as {@code application/pkcs10}; {@code bearer} may be null. */
	public HttpResponse<String> post(String operation, String bearer, byte[] csr) throws Exception {
		return post(operation, bearer, "application/pkcs10", Base64.getMimeEncoder().encodeToString(csr));
	}

	HttpResponse<String> post(String operation, String bearer, String contentType, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(this.server.url("/.well-known/est/" + operation)))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return send(request);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return HttpClient.newBuilder()
			.sslContext(this.tls)
			.build()
			.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The certificates of a base64 certs-only answer, read with BouncyCastle. */
	public static List<X509Certificate> certificates(String base64) throws Exception {
		CMSSignedData cms = new CMSSignedData(Base64.getMimeDecoder().decode(base64));
		assertThat(cms.getSignerInfos().size()).as("certs-only: no signers").isZero();
		List<X509Certificate> certificates = new ArrayList<>();
		for (X509CertificateHolder holder : cms.getCertificates().getMatches(null)) {
			certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
		}
		return certificates;
	}

	public static byte[] csr(KeyPair pair, String subject) throws Exception {
		return new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), pair.getPublic())
			.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()))
			.getEncoded();
	}

	/** A P-256 key and a DER CSR for {@code subject}, both made by {@code openssl req}. */
	public static OpensslCsr opensslCsr(String subject) throws Exception {
		Path dir = Files.createTempDirectory("keyfleet-est-");
		Path key = dir.resolve("key.pem");
		Path csr = dir.resolve("csr.der");
		openssl(null, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
				key.toString(), "-subj", subject, "-outform", "DER", "-out", csr.toString());
		return new OpensslCsr(Pem.readKeyPair(Files.readString(key)), Files.readAllBytes(csr));
	}

	/** {@code openssl base64 -d | openssl pkcs7 -inform DER -print_certs}. */
	static String opensslPrintCerts(String base64) throws Exception {
		Path dir = Files.createTempDirectory("keyfleet-est-");
		Path b64 = dir.resolve("p7.b64");
		Path der = dir.resolve("p7.der");
		// openssl's base64 decoder wants lines of at most 76 characters and a final newline
		Files.writeString(b64, base64.endsWith("\n") ? base64 : base64 + "\n");
		openssl(null, "base64", "-d", "-in", b64.toString(), "-out", der.toString());
		return openssl(null, "pkcs7", "-inform", "DER", "-in", der.toString(), "-print_certs");
	}

	public static String openssl(byte[] stdin, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("openssl"));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		if (stdin != null) {
			process.getOutputStream().write(stdin);
		}
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

	public record OpensslCsr(KeyPair pair, byte[] der) {
	}

}
