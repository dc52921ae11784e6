package io.keyfleet.auth.ratelimit;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits ({@code keyfleet.rate-limit.*}), enforced in Redis so that they hold across
 * every node. Rates are requests per second; a burst is how many may arrive at once. They
 * can be raised (benchmarks do) but not switched off.
 *
 * @param tokenPerClientRate per client on {@code /oauth2/token}
 * @param tokenPerClientBurst burst per client on {@code /oauth2/token}
 * @param tokenPerAddressRate per source address on {@code /oauth2/token}
 * @param tokenPerAddressBurst burst per source address on {@code /oauth2/token}
 * @param challengePerAddressRate per source address on {@code /oauth2/challenge}
 * @param challengePerAddressBurst burst per source address on {@code /oauth2/challenge}
 * @param estPerAddressRate per source address on EST {@code simpleenroll} and
 * {@code simplereenroll} together
 * @param estPerAddressBurst burst per source address on EST enrollments
 */
@Validated
@ConfigurationProperties("keyfleet.rate-limit")
public record RateLimitProperties(@DefaultValue("10") @Positive double tokenPerClientRate,
		@DefaultValue("20") @Min(1) int tokenPerClientBurst, @DefaultValue("1000") @Positive double tokenPerAddressRate,
		@DefaultValue("2000") @Min(1) int tokenPerAddressBurst,
		@DefaultValue("100") @Positive double challengePerAddressRate,
		@DefaultValue("200") @Min(1) int challengePerAddressBurst,
		@DefaultValue("1000") @Positive double estPerAddressRate, @DefaultValue("2000") @Min(1) int estPerAddressBurst) {

}
