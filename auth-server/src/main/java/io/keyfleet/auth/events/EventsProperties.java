package io.keyfleet.auth.events;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The events stream ({@code keyfleet.events.*}, CONTRACT "Provisioning, lifecycle and
 * anomalies": events go to the Redis Stream {@code <key-prefix>events}).
 *
 * @param enabled whether events are appended at all (the audit log is written either way)
 * @param maxLength the approximate number of entries the stream keeps
 * ({@code XADD ... MAXLEN ~}); older entries are trimmed by Redis
 */
@Validated
@ConfigurationProperties("keyfleet.events")
public record EventsProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("1000000") @Positive long maxLength) {

}
