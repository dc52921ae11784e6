package io.keyfleet.auth.devmode;

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
 * Decides the run mode and, in dev mode, prepares everything the server needs before the
 * context starts — TLS material for Tomcat above all — so that {@code ./mvnw ... run}
 * alone gives a working HTTPS server on {@code https://localhost:8443}.
 *
 * <p>
 * Mode: {@code keyfleet.mode} when set, otherwise {@code production} when
 * {@code keyfleet.redis.url} ({@code KEYFLEET_REDIS_URL}) is set and {@code dev} when it is
 * not. Everything this adds has the lowest precedence, so explicit configuration wins.
 */
public final class DevModeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE = "keyfleetDevMode";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> properties = new LinkedHashMap<>();
		String mode = environment.getProperty("keyfleet.mode");
		if (!StringUtils.hasText(mode)) {
			mode = StringUtils.hasText(environment.getProperty("keyfleet.redis.url")) ? "production" : "dev";
			properties.put("keyfleet.mode", mode);
		}
		if ("dev".equalsIgnoreCase(mode)) {
			DataDirectory dir = new DataDirectory(Path.of(environment.getProperty("keyfleet.data-dir", ".keyfleet")));
			DevMaterial material = new DevMaterial(dir);
			material.ensure();
			String port = environment.getProperty("server.port", "8443");
			defaultTo(environment, properties, "server.port", port);
			defaultTo(environment, properties, "keyfleet.issuer", "https://localhost:" + port);
			if (!environment.containsProperty("server.ssl.certificate")
					&& !environment.containsProperty("server.ssl.bundle")
					&& !environment.containsProperty("server.ssl.key-store")) {
				properties.put("server.ssl.enabled", "true");
				properties.put("server.ssl.certificate", "file:" + material.serverCertificate());
				properties.put("server.ssl.certificate-private-key", "file:" + material.serverKey());
				properties.put("server.ssl.trust-certificate", "file:" + material.rootCertificate());
				defaultTo(environment, properties, "server.ssl.client-auth", "want");
			}
			defaultTo(environment, properties, "keyfleet.mtls.trusted-ca-files[0]", material.deviceCaCertificate().toString());
			// a device CA configured as PKCS#12 file or in a PKCS#11 token replaces the generated one
			if (!environment.containsProperty("keyfleet.pki.device-ca.pkcs12.path")
					&& !environment.containsProperty("keyfleet.pki.device-ca.pkcs11.library")) {
				if (!environment.containsProperty("keyfleet.pki.device-ca.certificate")) {
					// the dev root is the chain of the dev device CA only, not of one configured instead
					defaultTo(environment, properties, "keyfleet.pki.device-ca.chain", material.rootCertificate().toString());
				}
				defaultTo(environment, properties, "keyfleet.pki.device-ca.certificate", material.deviceCaCertificate().toString());
				defaultTo(environment, properties, "keyfleet.pki.device-ca.private-key", material.deviceCaKey().toString());
			}
			if (Files.isDirectory(Path.of("config", "policies"))) {
				defaultTo(environment, properties, "keyfleet.attestation.policy-dir", "config/policies");
			}
			defaultTo(environment, properties, "keyfleet.keys.signing-key", material.signingKey().toString());
			defaultTo(environment, properties, "keyfleet.keys.kek", material.keyEncryptionKey().toString());
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, properties));
	}

	private static void defaultTo(ConfigurableEnvironment environment, Map<String, Object> properties, String name,
			String value) {
		if (!environment.containsProperty(name)) {
			properties.put(name, value);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
