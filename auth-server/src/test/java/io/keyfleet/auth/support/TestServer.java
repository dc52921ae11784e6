package io.keyfleet.auth.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.keyfleet.auth.KeyfleetAuthServerApplication;

/**
 * A real auth-server in this JVM: dev mode (generated keys, CA and TLS certificate in a
 * temporary data directory), HTTPS on a free port, the test Redis under this JVM's key
 * prefix. Several instances may share a data directory and a prefix — two nodes of one
 * deployment.
 */
public final class TestServer implements AutoCloseable {

	private static TestServer shared;

	private final ConfigurableApplicationContext context;

	private final int port;

	private final Path dataDir;

	private final SSLContext sslContext;

	private TestServer(ConfigurableApplicationContext context, int port, Path dataDir) {
		this.context = context;
		this.port = port;
		this.dataDir = dataDir;
		this.sslContext = trusting(dataDir.resolve("ca/root.pem"));
	}

	/** One server for every test class that needs nothing special. */
	public static synchronized TestServer shared() {
		if (shared == null) {
			// the shared server's detector only flags: a quarantine or step-up that one test's
			// traffic provokes must not change what another test sees (AnomalyApiIntegrationTests
			// runs its own server with the default responses)
			shared = start(Map.of("keyfleet.anomaly.responses.clone", "flag",
					"keyfleet.anomaly.responses.attestation-change", "flag"));
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
		}
		return shared;
	}

	public static TestServer start(Map<String, Object> overrides) {
		try {
			Path dataDir = overrides.containsKey("keyfleet.data-dir")
					? Path.of(overrides.get("keyfleet.data-dir").toString())
					: Files.createTempDirectory("keyfleet-test-");
			int port = TestRedis.freePort();
			Map<String, Object> properties = new HashMap<>();
			properties.put("keyfleet.mode", "dev");
			properties.put("keyfleet.data-dir", dataDir.toString());
			properties.put("keyfleet.redis.url", TestRedis.url());
			properties.put("keyfleet.redis.key-prefix", TestRedis.prefix());
			properties.put("keyfleet.redis.startup-timeout", "5s");
			properties.put("server.port", port);
			// generous limits: tests that exercise rate limiting set their own
			properties.put("keyfleet.rate-limit.token-per-client-rate", 10000);
			properties.put("keyfleet.rate-limit.token-per-client-burst", 10000);
			properties.put("keyfleet.rate-limit.token-per-address-rate", 100000);
			properties.put("keyfleet.rate-limit.token-per-address-burst", 100000);
			properties.put("spring.main.banner-mode", "off");
			properties.put("logging.level.root", "WARN");
			properties.put("logging.level.keyfleet.audit", "WARN");
			properties.putAll(overrides);
			// an empty Redis URL means "none configured": dev mode then embeds its own
			if ("".equals(properties.get("keyfleet.redis.url"))) {
				properties.remove("keyfleet.redis.url");
				properties.remove("keyfleet.redis.key-prefix");
			}
			properties.put("server.port", overrides.getOrDefault("server.port", port));
			ConfigurableApplicationContext context = new SpringApplicationBuilder(KeyfleetAuthServerApplication.class)
				.properties(properties)
				.run();
			return new TestServer(context, Integer.parseInt(properties.get("server.port").toString()), dataDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The issuer (a second node of a deployment shares the first one's). */
	public String issuer() {
		return this.context.getEnvironment().getProperty("keyfleet.issuer");
	}

	/** A URL on this node. */
	public String url(String path) {
		return "https://localhost:" + this.port + path;
	}

	public int port() {
		return this.port;
	}

	public Path dataDir() {
		return this.dataDir;
	}

	public SSLContext sslContext() {
		return this.sslContext;
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	/** The admin secret dev mode wrote to {@code admin-client.json}. */
	public String adminSecret() {
		try {
			Map<?, ?> json = JsonMapper.builder().build()
				.readValue(Files.readString(this.dataDir.resolve("admin-client.json"), StandardCharsets.UTF_8), Map.class);
			return (String) json.get("client_secret");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

	static SSLContext trusting(Path rootPem) {
		try (var in = Files.newInputStream(rootPem)) {
			X509Certificate root = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
			KeyStore trust = KeyStore.getInstance("PKCS12");
			trust.load(null, null);
			trust.setCertificateEntry("keyfleet-dev-root", root);
			TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			tmf.init(trust);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, tmf.getTrustManagers(), null);
			return context;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
