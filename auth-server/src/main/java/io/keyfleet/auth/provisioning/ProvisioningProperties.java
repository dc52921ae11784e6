package io.keyfleet.auth.provisioning;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Just-in-time registration from enrollment groups ({@code keyfleet.provisioning.*}):
 * how manufacturer CRLs given by URL are fetched.
 *
 * @param crlFetchTimeout connect and read timeout of one CRL download
 * @param crlMaxBytes a larger CRL is refused (and counts as unavailable)
 * @param crlCacheTtl how long a downloaded CRL is used before it is fetched again (never
 * past its {@code nextUpdate}, RFC 5280 §5.1.2.5)
 */
@Validated
@ConfigurationProperties("keyfleet.provisioning")
public record ProvisioningProperties(@NotNull @DefaultValue("2s") Duration crlFetchTimeout,
		@Min(1024) @Max(64 * 1024 * 1024) @DefaultValue("1048576") int crlMaxBytes,
		@NotNull @DefaultValue("5m") Duration crlCacheTtl) {

}
