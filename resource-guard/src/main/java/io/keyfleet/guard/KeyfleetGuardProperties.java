package io.keyfleet.guard;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the Keyfleet resource guard ({@code keyfleet.guard.*}).
 *
 * @param issuerUri the auth-server's issuer, equal to the token's {@code iss} (e.g. {@code https://localhost:8443})
 * @param audience this resource server's identifier, in the token's {@code aud} (e.g. {@code https://localhost:8444})
 * @param jwkSetUri the issuer's signing keys; default {@code issuerUri + "/oauth2/jwks"}
 * @param clockSkew tolerance applied when checking {@code exp} and {@code nbf}
 */
@Validated
@ConfigurationProperties("keyfleet.guard")
public record KeyfleetGuardProperties(@NotBlank String issuerUri, @NotBlank String audience,
		@Nullable String jwkSetUri, @DefaultValue("30s") @NotNull Duration clockSkew) {

	/** Path of the JWK Set on the Keyfleet auth-server (CONTRACT.md "JWKS"). */
	static final String DEFAULT_JWKS_PATH = "/oauth2/jwks";

	public KeyfleetGuardProperties {
		if (!StringUtils.hasText(jwkSetUri) && StringUtils.hasText(issuerUri)) {
			jwkSetUri = StringUtils.trimTrailingCharacter(issuerUri, '/') + DEFAULT_JWKS_PATH;
		}
	}

}
