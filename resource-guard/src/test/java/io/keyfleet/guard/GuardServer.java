package io.keyfleet.guard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;

import io.keyfleet.guard.state.CacheMode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One running guard: {@link GuardTestApplication} on a free port with TLS (certificate
 * from the test CA, client certificates wanted), reading the state from Redis under this
 * JVM's prefix and the issuer's keys from an HTTPS JWK Set trusted through
 * {@code keyfleet.guard.trust-anchor}.
 *
 * <p>
 * {@link #shared()} and {@link #sharedPeer()} are two such guards on the same Redis —
 * one in each cache mode — started once per test JVM.
 */
public final class GuardServer implements AutoCloseable {

	/** The test CA: it issued the guards' and the JWK Set server's TLS certificates. */
	public static final TestCertificates.Issued CA = TestCertificates.ca("Keyfleet Test CA");

	/** The issuer's signing key, published by {@link #JWKS}. */
	public static final ECKey SIGNING_KEY = TestAccessTokens.signingKey("k1");

	/** A second published key, which one test revokes (so no other test may sign with it). */
	public static final ECKey REVOCABLE_KEY = TestAccessTokens.signingKey("k-revocable");

	public static final JwksServer JWKS = JwksServer.startTls(
			new JWKSet(java.util.List.of(SIGNING_KEY, REVOCABLE_KEY)), CA);

	private static final Path MATERIAL = writeMaterial();

	private static GuardServer shared;

	private static GuardServer sharedPeer;

	private final ConfigurableApplicationContext context;

	private GuardServer(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/** The guard in tracking mode on the shared test Redis. */
	public static synchronized GuardServer shared() {
		if (shared == null) {
			shared = start(CacheMode.TRACKING, TestRedis.url());
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
		}
		return shared;
	}

	/** A second guard, in pub/sub mode, on the same Redis and prefix. */
	public static synchronized GuardServer sharedPeer() {
		if (sharedPeer == null) {
			sharedPeer = start(CacheMode.PUBSUB, TestRedis.url());
			Runtime.getRuntime().addShutdownHook(new Thread(sharedPeer::close));
		}
		return sharedPeer;
	}

	public static GuardServer start(CacheMode mode, String redisUrl, String... extraProperties) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", "0");
		properties.put("server.ssl.enabled", "true");
		properties.put("server.ssl.certificate", "file:" + MATERIAL.resolve("server.pem"));
		properties.put("server.ssl.certificate-private-key", "file:" + MATERIAL.resolve("server-key.pem"));
		properties.put("server.ssl.trust-certificate", "file:" + MATERIAL.resolve("ca.pem"));
		properties.put("server.ssl.client-auth", "want");
		properties.put("keyfleet.guard.issuer-uri", JWKS.issuer());
		properties.put("keyfleet.guard.audience", TestAccessTokens.AUDIENCE);
		properties.put("keyfleet.guard.trust-anchor", "file:" + MATERIAL.resolve("ca.pem"));
		properties.put("keyfleet.guard.cache", mode.name().toLowerCase());
		properties.put("keyfleet.guard.redis.url", redisUrl);
		properties.put("keyfleet.guard.redis.key-prefix", TestRedis.prefix());
		properties.put("keyfleet.guard.redis.heartbeat-interval", "200ms");
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.level.root", "WARN");
		properties.put("logging.level.io.keyfleet", "INFO");
		List<String> arguments = new ArrayList<>();
		for (String property : extraProperties) {
			arguments.add("--" + property);
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(GuardTestApplication.class)
			.properties(properties)
			.run(arguments.toArray(String[]::new));
		GuardServer server = new GuardServer(context);
		server.awaitStateStore();
		return server;
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	public int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	/** {@code https://localhost:<port><path>} */
	public String url(String path) {
		return "https://localhost:" + port() + path;
	}

	/** Waits until the guard's state connection is up (it connects in the background). */
	public void awaitStateStore() {
		io.keyfleet.guard.state.GuardStateCache state = this.context.getBean(io.keyfleet.guard.state.GuardStateCache.class);
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (!state.isAvailable()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the guard did not connect to Redis");
			}
			java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
		}
	}

	@Override
	public void close() {
		if (this.context.isActive()) {
			this.context.close();
		}
	}

	/** A token signed by the issuer's key, with the auth-server's header. */
	public static String token(com.nimbusds.jwt.JWTClaimsSet.Builder claims) {
		return TestAccessTokens.sign(SIGNING_KEY, TestAccessTokens.header(SIGNING_KEY), claims);
	}

	/** Claims of a live token for {@code clientId}, from this JVM's issuer. */
	public static com.nimbusds.jwt.JWTClaimsSet.Builder claims(String clientId) {
		return TestAccessTokens.claims(JWKS.issuer(), clientId);
	}

	private static Path writeMaterial() {
		try {
			Path dir = Files.createTempDirectory("kfg-tls-");
			TestCertificates.writePem(TestCertificates.localhostServer(CA), dir, "server");
			Files.writeString(dir.resolve("ca.pem"), TestCertificates.pem(CA.certificate()));
			return dir;
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
