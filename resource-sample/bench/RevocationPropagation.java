import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Revocation propagation at resource guards, measured from the outside (docs/benchmarks.md,
 * "Resource guard"). JDK only: run with {@code java RevocationPropagation.java ...}.
 *
 * <p>For each of N rounds: a device gets a fresh token; one poller per guard sends
 * {@code GET /fleet/summary} with it back to back over a kept-alive TLS connection (every
 * answer must be 200 at this point); then the admin call is made — the device's kill
 * switch ({@code POST /api/v1/devices/{id}/revoke-tokens}) or the token's revocation
 * ({@code POST /oauth2/revoke}) — and each poller records when it sent the first request
 * that got a 401, counted from the moment the admin request was sent. Reports N, p50, p99 and max per
 * guard and for "both guards denying", and the admin call's own duration.
 *
 * <pre>
 * java RevocationPropagation.java --issuer https://localhost:8443 --data-dir .keyfleet \
 *     --guards https://localhost:8444,https://localhost:8445 --mode kill --rounds 200
 * </pre>
 */
public class RevocationPropagation {

	private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern STRING_FIELD = Pattern.compile("\"%s\"\\s*:\\s*\"([^\"]+)\"");

	public static void main(String[] args) throws Exception {
		String issuer = option(args, "--issuer", "https://localhost:8443");
		Path dataDir = Path.of(option(args, "--data-dir", ".keyfleet"));
		List<String> guards = Arrays.asList(option(args, "--guards", "https://localhost:8444").split(","));
		String mode = option(args, "--mode", "kill");
		int rounds = Integer.parseInt(option(args, "--rounds", "200"));
		String resource = option(args, "--resource", "https://localhost:8444");

		SSLContext tls = trusting(dataDir.resolve("ca/root.pem"));
		HttpClient admin = client(tls);
		String adminJson = Files.readString(dataDir.resolve("admin-client.json"));
		String adminToken = token(admin, issuer, field(adminJson, "client_id"), field(adminJson, "client_secret"),
				"grant_type=client_credentials");

		String device = "bench-revoke-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> registered = admin.send(HttpRequest.newBuilder(URI.create(issuer + "/api/v1/devices"))
			.header("Authorization", "Bearer " + adminToken)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + device + "\",\"model\":\"KF-EDGE-100\","
					+ "\"token_endpoint_auth_method\":\"client_secret_basic\",\"allowed_scopes\":[\"fleet:read\"],"
					+ "\"allowed_resources\":[\"" + resource + "\"]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		require(registered.statusCode() == 201, "registration: " + registered.statusCode() + " " + registered.body());
		String secret = field(registered.body(), "client_secret");

		List<HttpClient> pollers = new ArrayList<>();
		for (int i = 0; i < guards.size(); i++) {
			pollers.add(client(tls));
		}
		long[][] perGuard = new long[guards.size()][rounds];
		long[] both = new long[rounds];
		long[] adminCall = new long[rounds];
		for (int round = -5; round < rounds; round++) {
			String token = token(admin, issuer, device, secret, "grant_type=client_credentials&scope=fleet%3Aread&resource="
					+ URLEncoder.encode(resource, StandardCharsets.UTF_8));
			AtomicLong start = new AtomicLong(Long.MAX_VALUE);
			long[] firstDenial = new long[guards.size()];
			CountDownLatch warm = new CountDownLatch(guards.size());
			List<Thread> threads = new ArrayList<>();
			for (int g = 0; g < guards.size(); g++) {
				int index = g;
				HttpRequest summary = HttpRequest.newBuilder(URI.create(guards.get(g) + "/fleet/summary"))
					.header("Authorization", "Bearer " + token)
					.build();
				Thread poller = new Thread(() -> firstDenial[index] = poll(pollers.get(index), summary, start, warm));
				threads.add(poller);
				poller.start();
			}
			warm.await();
			Thread.sleep(5);
			long sent = System.nanoTime();
			start.set(sent);
			HttpResponse<String> response = switch (mode) {
				case "kill" -> admin.send(HttpRequest.newBuilder(URI.create(issuer + "/api/v1/devices/" + device + "/revoke-tokens"))
					.header("Authorization", "Bearer " + adminToken)
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(), HttpResponse.BodyHandlers.ofString());
				case "revoke" -> admin.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/revoke"))
					.header("Authorization", basic(device, secret))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("token=" + token + "&token_type_hint=access_token"))
					.build(), HttpResponse.BodyHandlers.ofString());
				default -> throw new IllegalArgumentException("--mode kill|revoke");
			};
			long answered = System.nanoTime() - sent;
			require(response.statusCode() == 204 || response.statusCode() == 200,
					"admin call: " + response.statusCode() + " " + response.body());
			for (Thread thread : threads) {
				thread.join();
			}
			if (round >= 0) {
				long last = 0;
				for (int g = 0; g < guards.size(); g++) {
					perGuard[g][round] = firstDenial[g] - sent;
					last = Math.max(last, firstDenial[g] - sent);
				}
				both[round] = last;
				adminCall[round] = answered;
			}
			Thread.sleep(20);
		}
		System.out.printf("mode %s, %d rounds, guards %s%n", mode, rounds, guards);
		report("admin call answered", adminCall);
		for (int g = 0; g < guards.size(); g++) {
			report("first refused request sent, " + guards.get(g), perGuard[g]);
		}
		report("first refused request sent, all guards", both);
	}

	/** Sends the request back to back; returns System.nanoTime() when the request that got the first 401 was sent. */
	private static long poll(HttpClient client, HttpRequest request, AtomicLong start, CountDownLatch warm) {
		boolean warmed = false;
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				long sent = System.nanoTime();
				HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 401) {
					require(warmed && start.get() != Long.MAX_VALUE, "denied before the admin call");
					// when the first refused request was sent: its answer time would add one
					// whole request of this poller's own latency to the propagation
					return sent;
				}
				require(response.statusCode() == 200, "unexpected status " + response.statusCode());
				if (!warmed) {
					warmed = true;
					warm.countDown();
				}
			}
			catch (IOException | InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		}
		throw new IllegalStateException("no denial within 10 s");
	}

	private static void report(String what, long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		System.out.printf("  %-45s N=%d  p50 %.2f ms  p99 %.2f ms  max %.2f ms%n", what, sorted.length,
				sorted[(int) Math.ceil(0.50 * sorted.length) - 1] / 1e6, sorted[(int) Math.ceil(0.99 * sorted.length) - 1] / 1e6,
				sorted[sorted.length - 1] / 1e6);
	}

	private static String token(HttpClient client, String issuer, String id, String secret, String form) throws Exception {
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
			.header("Authorization", basic(id, secret))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		require(response.statusCode() == 200, "token: " + response.statusCode() + " " + response.body());
		Matcher matcher = ACCESS_TOKEN.matcher(response.body());
		require(matcher.find(), "no access_token in " + response.body());
		return matcher.group(1);
	}

	private static String basic(String id, String secret) {
		String pair = URLEncoder.encode(id, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
		return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
	}

	private static String field(String json, String name) {
		Matcher matcher = Pattern.compile(String.format(STRING_FIELD.pattern(), name)).matcher(json);
		require(matcher.find(), "no " + name + " in " + json);
		return matcher.group(1);
	}

	private static HttpClient client(SSLContext tls) {
		return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
	}

	private static SSLContext trusting(Path pem) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		try (InputStream in = Files.newInputStream(pem)) {
			int i = 0;
			for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
				store.setCertificateEntry("ca-" + i++, certificate);
			}
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(store);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

	private static String option(String[] args, String name, String fallback) {
		for (int i = 0; i < args.length - 1; i++) {
			if (args[i].equals(name)) {
				return args[i + 1];
			}
		}
		return fallback;
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalStateException(message);
		}
	}

}
