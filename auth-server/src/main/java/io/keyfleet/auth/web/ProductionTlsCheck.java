package io.keyfleet.auth.web;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;

import io.keyfleet.auth.KeyfleetServerProperties;

/**
 * TLS always (CONTRACT "Ports and dev mode"): a production server without a TLS
 * certificate refuses to start rather than serve tokens and secrets in the clear. Dev mode
 * configures its own certificate.
 */
public final class ProductionTlsCheck implements SmartInitializingSingleton {

	private final KeyfleetServerProperties server;

	private final Environment environment;

	public ProductionTlsCheck(KeyfleetServerProperties server, Environment environment) {
		this.server = server;
		this.environment = environment;
	}

	@Override
	public void afterSingletonsInstantiated() {
		boolean tls = this.environment.getProperty("server.ssl.enabled", Boolean.class, true)
				&& (this.environment.containsProperty("server.ssl.certificate")
						|| this.environment.containsProperty("server.ssl.key-store")
						|| this.environment.containsProperty("server.ssl.bundle"));
		if (!this.server.dev() && !tls) {
			throw new IllegalStateException("production mode serves HTTPS only: configure server.ssl.certificate and"
					+ " server.ssl.certificate-private-key (or server.ssl.bundle); see docs/configuration.md");
		}
	}

}
