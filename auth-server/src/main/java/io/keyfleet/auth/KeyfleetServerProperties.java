package io.keyfleet.auth;

import java.nio.file.Path;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who this server is and how it runs ({@code keyfleet.*}).
 *
 * @param issuer the issuer identifier (RFC 8414 §2): an https URL without query or
 * fragment; {@code iss} of every token and the admin API's resource identifier. Dev mode
 * sets {@code https://localhost:<server.port>} when it is not configured.
 * @param mode {@code dev} (embedded Redis, generated keys) or {@code production}; dev when
 * no {@code keyfleet.redis.url} is configured
 * @param dataDir where dev mode keeps its keys, CA and embedded Redis data
 * ({@code KEYFLEET_DATA_DIR})
 */
@Validated
@ConfigurationProperties("keyfleet")
public record KeyfleetServerProperties(
		@NotBlank(message = "keyfleet.issuer must be set (https URL of this server)") @Pattern(
				regexp = "https://[^?#\\s]+", message = "keyfleet.issuer must be an https URL without query or fragment") String issuer,
		@NotNull Mode mode, @DefaultValue(".keyfleet") Path dataDir) {

	/** How the server runs. */
	public enum Mode {

		/** Embedded Redis, keys and CA generated under the data directory. */
		DEV,

		/** External Redis; keys and CA must be configured. */
		PRODUCTION

	}

	/** The issuer without a trailing slash, so endpoint URLs can be appended. */
	public String issuerUrl() {
		return this.issuer.endsWith("/") ? this.issuer.substring(0, this.issuer.length() - 1) : this.issuer;
	}

	public boolean dev() {
		return this.mode == Mode.DEV;
	}

}
