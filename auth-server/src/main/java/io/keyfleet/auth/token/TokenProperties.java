package io.keyfleet.auth.token;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Access tokens and client assertions ({@code keyfleet.token.*}).
 *
 * @param accessTokenTtl lifetime of an access token (RFC 9068 {@code exp - iat})
 * @param assertionMaxLifetime how far in the future a client assertion's {@code exp} may
 * lie (CONTRACT: at most 5 minutes)
 * @param clockSkew tolerance for clocks of devices and nodes when checking {@code exp},
 * {@code nbf} and {@code iat}
 */
@Validated
@ConfigurationProperties("keyfleet.token")
public record TokenProperties(@DefaultValue("300s") Duration accessTokenTtl,
		@DefaultValue("5m") Duration assertionMaxLifetime, @DefaultValue("30s") Duration clockSkew) {

	public TokenProperties {
		if (accessTokenTtl.isNegative() || accessTokenTtl.isZero() || accessTokenTtl.compareTo(Duration.ofHours(1)) > 0) {
			throw new IllegalArgumentException("keyfleet.token.access-token-ttl must be between 1s and 1h");
		}
		if (assertionMaxLifetime.compareTo(Duration.ofMinutes(5)) > 0 || assertionMaxLifetime.isNegative()) {
			throw new IllegalArgumentException("keyfleet.token.assertion-max-lifetime must be at most 5m");
		}
	}

}
