package io.keyfleet.auth.token;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * Access tokens and client assertions ({@code keyfleet.token.*}).
 *
 * @param accessTokenTtl lifetime of an access token (RFC 9068 {@code exp - iat})
 * @param assertionMaxLifetime how far in the future a client assertion's {@code exp} may
 * lie (CONTRACT: at most 5 minutes)
 * @param clockSkew tolerance for the clocks of devices and nodes: added to the assertion
 * lifetime bound and to the replay window, and used for {@code exp}/{@code nbf} of admin
 * API tokens (Spring's RFC 7523 {@code exp}/{@code nbf} check on assertions keeps its own
 * 60 s)
 */
@Validated
@ConfigurationProperties("keyfleet.token")
public record TokenProperties(@DefaultValue("300s") @DurationUnit(ChronoUnit.SECONDS) Duration accessTokenTtl,
		@DefaultValue("5m") @DurationUnit(ChronoUnit.SECONDS) Duration assertionMaxLifetime,
		@DefaultValue("30s") @DurationUnit(ChronoUnit.SECONDS) Duration clockSkew) {

	public TokenProperties {
		if (accessTokenTtl.compareTo(Duration.ofSeconds(1)) < 0 || accessTokenTtl.compareTo(Duration.ofHours(1)) > 0) {
			throw new IllegalArgumentException("keyfleet.token.access-token-ttl must be between 1s and 1h");
		}
		if (assertionMaxLifetime.compareTo(Duration.ofMinutes(5)) > 0 || assertionMaxLifetime.isNegative()) {
			throw new IllegalArgumentException("keyfleet.token.assertion-max-lifetime must be at most 5m");
		}
	}

}
