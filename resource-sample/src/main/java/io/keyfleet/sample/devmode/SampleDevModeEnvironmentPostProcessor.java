package io.keyfleet.sample.devmode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Decides the sample's run mode (CONTRACT.md "Ports and dev mode") before the context
 * starts, and in dev mode configures it from the auth-server's data directory
 * ({@code keyfleet.data-dir}, {@code KEYFLEET_DATA_DIR}, default {@code ./.keyfleet}):
 *
 * <ul>
 * <li>{@code keyfleet.guard.redis.url} from {@code redis-url}: the auth-server's embedded
 * Redis, so both share the state;</li>
 * <li>{@code keyfleet.guard.trust-anchor} = {@code ca/root.pem}, to fetch the issuer's JWK
 * Set over TLS;</li>
 * <li>HTTPS with {@code tls/resource-sample.pem}, minted from the dev root CA
 * ({@link SampleTlsCertificate}), client certificates wanted (so certificate-bound tokens
 * can be checked).</li>
 * </ul>
 *
 * Production mode — {@code keyfleet.guard.redis.url} or {@code KEYFLEET_REDIS_URL} set —
 * adds nothing, and refuses to start without explicit TLS ({@code server.ssl.*}). All
 * that this adds has the lowest precedence, so explicit configuration wins.
 */
public final class SampleDevModeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE = "keyfleetSampleDevMode";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!StringUtils.hasText(environment.getProperty("keyfleet.guard.issuer-uri"))) {
			return;
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		String redisUrl = environment.getProperty("keyfleet.guard.redis.url");
		if (!StringUtils.hasText(redisUrl) && StringUtils.hasText(environment.getProperty("KEYFLEET_REDIS_URL"))) {
			redisUrl = environment.getProperty("KEYFLEET_REDIS_URL");
			properties.put("keyfleet.guard.redis.url", redisUrl);
		}
		if (StringUtils.hasText(redisUrl)) {
			if (!hasTls(environment)) {
				throw new IllegalStateException("production mode (a Redis URL is configured) needs explicit TLS: "
						+ "set server.ssl.certificate and server.ssl.certificate-private-key (or server.ssl.bundle)");
			}
		}
		else {
			devMode(environment, properties);
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, properties));
	}

	private static void devMode(ConfigurableEnvironment environment, Map<String, Object> properties) {
		Path dataDirectory = Path.of(environment.getProperty("keyfleet.data-dir", ".keyfleet")).toAbsolutePath()
			.normalize();
		Path urlFile = dataDirectory.resolve("redis-url");
		if (!Files.isRegularFile(urlFile)) {
			throw new IllegalStateException("dev mode: " + urlFile + " not found. Start the auth-server first from "
					+ "this directory (or point KEYFLEET_DATA_DIR at its data directory), or configure "
					+ "keyfleet.guard.redis.url for production mode");
		}
		properties.put("keyfleet.guard.redis.url", read(urlFile));
		SampleTlsCertificate tls = new SampleTlsCertificate(dataDirectory);
		defaultTo(environment, properties, "keyfleet.guard.trust-anchor", "file:" + tls.rootCertificate());
		if (!hasTls(environment)) {
			tls.ensure();
			properties.put("server.ssl.enabled", "true");
			properties.put("server.ssl.certificate", "file:" + tls.certificate());
			properties.put("server.ssl.certificate-private-key", "file:" + tls.privateKey());
			properties.put("server.ssl.trust-certificate", "file:" + tls.rootCertificate());
			defaultTo(environment, properties, "server.ssl.client-auth", "want");
		}
	}

	private static boolean hasTls(ConfigurableEnvironment environment) {
		return environment.containsProperty("server.ssl.certificate")
				|| environment.containsProperty("server.ssl.bundle")
				|| environment.containsProperty("server.ssl.key-store");
	}

	private static void defaultTo(ConfigurableEnvironment environment, Map<String, Object> properties, String name,
			String value) {
		if (!environment.containsProperty(name)) {
			properties.put(name, value);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8).trim();
		}
		catch (IOException ex) {
			throw new IllegalStateException("dev mode: cannot read " + file, ex);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
