package io.keyfleet.auth.client;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The client registry ({@code keyfleet.registry.*}).
 *
 * @param cacheSize how many resolved clients each node keeps in memory
 */
@Validated
@ConfigurationProperties("keyfleet.registry")
public record RegistryProperties(@DefaultValue("50000") @Min(0) long cacheSize) {
}
