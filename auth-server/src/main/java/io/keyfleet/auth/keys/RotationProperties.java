package io.keyfleet.auth.keys;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Token-signing key rotation ({@code keyfleet.keys.rotation.*}).
 *
 * @param enabled rotate on schedule; when false, keys change only through the admin API
 * @param period how long a key signs before the scheduler rotates it
 * @param publishAhead how long the next key must have been in the JWKS before it may start
 * signing, so that resource servers' JWKS caches have it; an on-demand rotation sooner is
 * refused unless forced. Longer than {@code checkInterval} (a node may see a new key that
 * late)
 * @param checkInterval how often every node re-reads the keyring (the fallback for a missed
 * change notice), checks whether a rotation is due and removes keys no longer needed
 */
@Validated
@ConfigurationProperties("keyfleet.keys.rotation")
public record RotationProperties(@DefaultValue("true") boolean enabled, @DefaultValue("30d") Duration period,
		@DefaultValue("15m") Duration publishAhead, @DefaultValue("1m") Duration checkInterval) {

	public RotationProperties {
		if (checkInterval.compareTo(Duration.ofMillis(100)) < 0 || checkInterval.compareTo(Duration.ofHours(1)) > 0) {
			throw new IllegalArgumentException("keyfleet.keys.rotation.check-interval must be between 100ms and 1h");
		}
		if (publishAhead.compareTo(checkInterval) <= 0) {
			throw new IllegalArgumentException(
					"keyfleet.keys.rotation.publish-ahead must be longer than keyfleet.keys.rotation.check-interval");
		}
		if (period.compareTo(publishAhead) <= 0) {
			throw new IllegalArgumentException(
					"keyfleet.keys.rotation.period must be longer than keyfleet.keys.rotation.publish-ahead");
		}
	}

}
