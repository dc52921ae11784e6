package io.keyfleet.sample;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import io.keyfleet.guard.GuardClient;
import io.keyfleet.guard.TestCertificates;
import io.keyfleet.guard.TestDPoPProofs;
import io.keyfleet.guard.state.GuardStateCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static io.keyfleet.guard.GuardAssertions.assertForbidden;
import static io.keyfleet.guard.GuardAssertions.assertInvalidToken;
import static io.keyfleet.guard.GuardAssertions.assertOk;
import static io.keyfleet.guard.GuardAssertions.assertUnauthorized;
import static io.keyfleet.guard.GuardAssertions.newId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * As in production, end to end: the real auth-server jar in dev mode in a temporary data
 * directory, and resource-sample started on the same directory — so it shares the
 * auth-server's embedded Redis, trusts its root CA and gets its TLS certificate from it,
 * with no other configuration than the issuer URL. A device registered through the admin
 * API gets real tokens (plain, certificate-bound, DPoP-bound) and uses them at the
 * sample; then the admin's kill switch ({@code revoke-tokens}) makes every one of them a
 * {@code 401} at once.
 */
class ResourceSampleEndToEndIT {

	private static final String RESOURCE = "https://localhost:8444";

	private static AuthServerProcess auth;

	private static ConfigurableApplicationContext sample;

	private static X509Certificate root;

	@BeforeAll
	static void start() throws Exception {
		auth = AuthServerProcess.start("resource-sample-e2e");
		sample = new SpringApplicationBuilder(ResourceSampleApplication.class).run(
				"--keyfleet.data-dir=" + auth.dataDirectory(), "--server.port=0",
				"--keyfleet.guard.issuer-uri=" + auth.issuer(), "--logging.level.root=WARN");
		GuardStateCache state = sample.getBean(GuardStateCache.class);
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (!state.isAvailable() && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		try (var in = Files.newInputStream(auth.rootCertificate())) {
			root = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
	}

	@AfterAll
	static void stop() {
		if (sample != null) {
			sample.close();
		}
		if (auth != null) {
			auth.close();
		}
	}

	@Test
	void requestWhenRealTokensThenLeastPrivilegeAndAfterRevokeTokensUnauthorized() throws Exception {
		GuardClient http = GuardClient.presenting(root, null);
		String admin = adminToken(http);
		String id = newId("e2e-dev");
		String secret = register(http, admin, id);

		// a plain bearer token: its own config yes, another device's no, the fleet summary no
		String bearer = token(http, id, secret, Map.of());
		assertOk(http.bearer("GET", sample("/devices/" + id + "/config"), bearer));
		assertForbidden(http.bearer("GET", sample("/devices/" + newId("other") + "/config"), bearer), "not-owner");
		assertForbidden(http.bearer("POST", sample("/devices/" + id + "/commands"), bearer), "scope-missing");

		// a certificate-bound token (RFC 8705): only over a connection with that certificate
		TestCertificates.Issued certificate = TestCertificates.selfSignedClient(id);
		GuardClient withCertificate = GuardClient.presenting(root, certificate);
		String bound = token(withCertificate, id, secret, Map.of());
		assertThat(cnf(bound)).containsEntry("x5t#S256", certificate.thumbprint());
		assertOk(withCertificate.bearer("GET", sample("/devices/" + id + "/config"), bound));
		assertInvalidToken(http.bearer("GET", sample("/devices/" + id + "/config"), bound));

		// a DPoP-bound token (RFC 9449): only with a fresh proof of its key
		ECKey key = TestDPoPProofs.newKey();
		String tokenProof = TestDPoPProofs.proof(key, "POST", auth.issuer() + "/oauth2/token", null).sign();
		String dpop = token(http, id, secret, Map.of("DPoP", tokenProof));
		assertThat(cnf(dpop)).containsKey("jkt");
		String url = sample("/devices/" + id + "/config");
		assertOk(http.dpop("GET", url, dpop, TestDPoPProofs.proof(key, "GET", url, dpop).sign()));
		assertUnauthorized(http.bearer("GET", url, dpop), "Bearer", "invalid_token");

		// the kill switch: every one of them dies at the sample, without waiting for exp
		long start = System.nanoTime();
		HttpResponse<String> revoke = http.send("POST", auth.issuer() + "/api/v1/devices/" + id + "/revoke-tokens",
				Map.of("Authorization", "Bearer " + admin), "");
		assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(204);
		HttpResponse<String> denied = http.bearer("GET", url, bearer);
		long elapsedMicros = (System.nanoTime() - start) / 1000;
		System.out.println("revoke-tokens to first denial at the sample: " + elapsedMicros + " µs");

		assertInvalidToken(denied);
		assertInvalidToken(withCertificate.bearer("GET", url, bound));
		assertUnauthorized(http.dpop("GET", url, dpop, TestDPoPProofs.proof(key, "GET", url, dpop).sign()), "DPoP",
				"invalid_token");
		// and the device goes on with a new token
		assertOk(http.bearer("GET", url, token(http, id, secret, Map.of())));
	}

	/**
	 * Key rotation under traffic: a device keeps getting fresh tokens and calling the sample
	 * while the admin rotates the signing key twice (forced, so the second new key was
	 * published only moments before it signs). Not one request fails: the guard fetches the
	 * JWKS again when a token names a kid it has not seen, and the retired key stays
	 * published for the tokens it signed.
	 */
	@Test
	void requestWhenSigningKeyRotatedTwiceUnderTrafficThenNoRequestFails() throws Exception {
		GuardClient http = GuardClient.presenting(root, null);
		String admin = adminToken(http);
		String id = newId("e2e-rotation");
		String secret = register(http, admin, id);
		String url = sample("/devices/" + id + "/config");
		List<String> failures = new CopyOnWriteArrayList<>();
		Map<String, Integer> acceptedByKid = new ConcurrentHashMap<>();
		AtomicBoolean running = new AtomicBoolean(true);
		Thread device = new Thread(() -> {
			while (running.get()) {
				try {
					String token = token(http, id, secret, Map.of());
					HttpResponse<String> response = http.bearer("GET", url, token);
					if (response.statusCode() == 200) {
						acceptedByKid.merge(SignedJWT.parse(token).getHeader().getKeyID(), 1, Integer::sum);
					}
					else {
						failures.add(response.statusCode() + " " + response.headers().map() + " " + response.body());
					}
				}
				catch (Exception | AssertionError ex) {
					failures.add(ex.toString());
				}
			}
		}, "device");
		device.start();
		try {
			List<String> kids = new ArrayList<>();
			kids.add(awaitAccepted(acceptedByKid, null));
			for (int rotation = 0; rotation < 2; rotation++) {
				HttpResponse<String> rotated = http.send("POST",
						auth.issuer() + "/api/v1/signing-keys/rotate?force=true", Map.of("Authorization", "Bearer " + admin), "");
				assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
				String active = (String) JSONObjectUtils.getJSONObjectArray(JSONObjectUtils.parse(rotated.body()), "items")[0]
					.get("kid");
				kids.add(awaitAccepted(acceptedByKid, active));
			}
			running.set(false);
			device.join(10_000);

			assertThat(failures).isEmpty();
			assertThat(kids).doesNotHaveDuplicates();
			assertThat(acceptedByKid.keySet()).containsAll(kids);
		}
		finally {
			running.set(false);
			device.join(10_000);
		}
	}

	/** Waits until a few tokens signed by {@code kid} (any kid when null) were accepted; returns the kid. */
	private static String awaitAccepted(Map<String, Integer> acceptedByKid, String kid) throws InterruptedException {
		long deadline = System.nanoTime() + 20_000_000_000L;
		while (System.nanoTime() < deadline) {
			for (Map.Entry<String, Integer> accepted : acceptedByKid.entrySet()) {
				if ((kid == null || kid.equals(accepted.getKey())) && accepted.getValue() >= 5) {
					return accepted.getKey();
				}
			}
			Thread.sleep(10);
		}
		throw new AssertionError("no tokens signed by " + kid + " accepted within 20 s: " + acceptedByKid);
	}

	private static String adminToken(GuardClient http) throws Exception {
		Map<String, Object> admin = JSONObjectUtils.parse(Files.readString(auth.adminClientFile()));
		return tokenRequest(http, (String) admin.get("client_id"), (String) admin.get("client_secret"),
				"grant_type=client_credentials", Map.of());
	}

	private static String register(GuardClient http, String admin, String id) throws Exception {
		String body = "{\"id\":\"" + id + "\",\"model\":\"KF-EDGE-100\",\"token_endpoint_auth_method\":\"client_secret_basic\","
				+ "\"allowed_scopes\":[\"config:read\",\"telemetry:write\"],\"allowed_resources\":[\"" + RESOURCE + "\"]}";
		HttpResponse<String> response = http.send("POST", auth.issuer() + "/api/v1/devices",
				Map.of("Authorization", "Bearer " + admin, "Content-Type", "application/json"), body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return (String) JSONObjectUtils.parse(response.body()).get("client_secret");
	}

	private static String token(GuardClient http, String id, String secret, Map<String, String> headers)
			throws Exception {
		return tokenRequest(http, id, secret, "grant_type=client_credentials&scope=config:read&resource="
				+ URLEncoder.encode(RESOURCE, StandardCharsets.UTF_8), headers);
	}

	private static String tokenRequest(GuardClient http, String id, String secret, String form,
			Map<String, String> extraHeaders) throws Exception {
		Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
		headers.put("Authorization", "Basic " + Base64.getEncoder()
			.encodeToString((URLEncoder.encode(id, StandardCharsets.UTF_8) + ":"
					+ URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
		headers.put("Content-Type", "application/x-www-form-urlencoded");
		HttpResponse<String> response = http.send("POST", auth.issuer() + "/oauth2/token", headers, form);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return (String) JSONObjectUtils.parse(response.body()).get("access_token");
	}

	private static Map<String, Object> cnf(String token) throws Exception {
		Map<String, Object> cnf = SignedJWT.parse(token).getJWTClaimsSet().getJSONObjectClaim("cnf");
		return (cnf != null) ? cnf : Map.of();
	}

	private static String sample(String path) {
		return "https://localhost:" + ((WebServerApplicationContext) sample).getWebServer().getPort() + path;
	}

}
