package io.keyfleet.auth.anomaly;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Anomaly detection on the events stream ({@code keyfleet.anomaly.*}, docs/configuration.md).
 * The rules the thresholds feed are in docs/contract-as-built.md "Anomalies".
 *
 * @param enabled run the detector's consumers on this node
 * @param consumers consumer threads on this node (each with its own Redis connection)
 * @param batchSize entries read (and claimed) per call
 * @param block how long one read waits for new entries; must be shorter than
 * {@code keyfleet.redis.command-timeout}
 * @param claimIdle pending entries idle this long (their consumer died or failed) are
 * claimed by another consumer
 * @param claimInterval how often each consumer looks for such entries
 * @param doneTtl how long an event is remembered as processed (idempotency); must exceed
 * the longest time an entry can stay pending
 * @param baselineTtl a client's baseline is forgotten after this long without events
 * @param warmup token intervals observed before the token rate is judged
 * @param alpha weight of a new interval in the EWMA mean and variance
 * @param rateWindow the window tokens are counted in
 * @param rateFactor the count must reach this multiple of the expected count...
 * @param rateMinCount ...and at least this many tokens...
 * @param rateZ ...and this many standard deviations above the expected count
 * @param stationaryEvents a client whose last this-many tokens came from one address is
 * stationary (new_source applies)
 * @param maxAddresses addresses remembered per client (oldest forgotten first)
 * @param cloneWindow X..Y..X address interleaving within this window is a clone
 * @param authFailuresWindow the window refused authentications are counted in
 * @param authFailuresThreshold refusals in the window that make a burst
 * @param responses the response per kind; unlisted kinds use the contract's defaults
 * (clone: quarantine, attestation_change: step_up, others: flag)
 */
@Validated
@ConfigurationProperties("keyfleet.anomaly")
public record AnomalyProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("1") @Min(1) @Max(16) int consumers, @DefaultValue("100") @Min(1) @Max(10000) int batchSize,
		@DefaultValue("500ms") @NotNull Duration block, @DefaultValue("30s") @NotNull Duration claimIdle,
		@DefaultValue("5s") @NotNull Duration claimInterval, @DefaultValue("1h") @NotNull Duration doneTtl,
		@DefaultValue("30d") @NotNull Duration baselineTtl, @DefaultValue("5") @Min(1) @Max(1000) int warmup,
		@DefaultValue("0.1") @DecimalMin("0.001") @DecimalMax("1") double alpha,
		@DefaultValue("60s") @NotNull Duration rateWindow, @DefaultValue("10") @DecimalMin("1") double rateFactor,
		@DefaultValue("5") @Min(2) int rateMinCount, @DefaultValue("6") @DecimalMin("0") double rateZ,
		@DefaultValue("5") @Min(1) int stationaryEvents, @DefaultValue("16") @Min(2) @Max(1000) int maxAddresses,
		@DefaultValue("10m") @NotNull Duration cloneWindow, @DefaultValue("60s") @NotNull Duration authFailuresWindow,
		@DefaultValue("5") @Min(2) @Max(10000) int authFailuresThreshold, Map<AnomalyKind, AnomalyResponse> responses) {

	public AnomalyProperties {
		Map<AnomalyKind, AnomalyResponse> all = new EnumMap<>(AnomalyKind.class);
		for (AnomalyKind kind : AnomalyKind.values()) {
			all.put(kind, defaultResponse(kind));
		}
		if (responses != null) {
			all.putAll(responses);
		}
		responses = Collections.unmodifiableMap(all);
		if (responses.get(AnomalyKind.AUTH_FAILURES) != AnomalyResponse.FLAG) {
			// refused requests prove nothing about who sent them: anyone could quarantine any
			// device by sending wrong secrets in its name
			throw new IllegalArgumentException(
					"keyfleet.anomaly.responses.auth-failures must be flag: refused requests are not authenticated");
		}
		requirePositive(block, "block");
		requirePositive(claimIdle, "claim-idle");
		requirePositive(claimInterval, "claim-interval");
		requirePositive(rateWindow, "rate-window");
		requirePositive(cloneWindow, "clone-window");
		requirePositive(authFailuresWindow, "auth-failures-window");
		if (doneTtl.compareTo(claimIdle.multipliedBy(2)) < 0) {
			throw new IllegalArgumentException("keyfleet.anomaly.done-ttl must be at least twice claim-idle");
		}
	}

	/** The contract's defaults: clone → quarantine, attestation_change → step_up, others → flag. */
	static AnomalyResponse defaultResponse(AnomalyKind kind) {
		return switch (kind) {
			case CLONE -> AnomalyResponse.QUARANTINE;
			case ATTESTATION_CHANGE -> AnomalyResponse.STEP_UP;
			default -> AnomalyResponse.FLAG;
		};
	}

	private static void requirePositive(Duration duration, String name) {
		if (duration == null || duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("keyfleet.anomaly." + name + " must be positive");
		}
	}

}
