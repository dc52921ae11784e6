package io.keyfleet.auth.token;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * DPoP at the token endpoint ({@code keyfleet.dpop.*}).
 *
 * @param requireNonce proofs must carry a server-provided nonce (RFC 9449 §8); a proof
 * without a current one gets {@code use_dpop_nonce} and a fresh nonce in {@code DPoP-Nonce}
 * @param nonceLifetime how long a server nonce stays acceptable
 */
@Validated
@ConfigurationProperties("keyfleet.dpop")
public record DPoPProperties(@DefaultValue("false") boolean requireNonce,
		@DefaultValue("300s") @DurationUnit(ChronoUnit.SECONDS) Duration nonceLifetime) {
}
