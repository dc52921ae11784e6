package io.keyfleet.guard.authorization;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.keyfleet.guard.standing.ClientStanding;
import io.keyfleet.guard.standing.IssuanceTime;

import org.springframework.util.Assert;

/**
 * The device behind the token was attested at least as {@code minimum}
 * (CONTRACT.md "Access token": {@code att.status}), and that attestation still stands:
 *
 * <ul>
 * <li>no {@code att}, or one whose {@code exp} has passed → {@code 403}
 * {@link DenialReason#ATTESTATION_REQUIRED};</li>
 * <li>issued at or before the device's last step-up ({@code attestation_reset_at_ms},
 * compared in milliseconds) → {@code 401 invalid_token}
 * {@link DenialReason#ATTESTATION_RESET}: the token no longer carries a usable
 * attestation;</li>
 * <li>{@code att.status} below {@code minimum} → {@code 403}
 * {@link DenialReason#ATTESTATION_INSUFFICIENT}.</li>
 * </ul>
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc9334#section-7.1">RFC 9334
 * Section 7.1 (the Relying Party applies its own policy to attestation results)</a>
 */
final class AttestationRule implements GuardRule {

	private final AttestationStatus minimum;

	AttestationRule(AttestationStatus minimum) {
		Assert.notNull(minimum, "minimum cannot be null");
		Assert.isTrue(minimum != AttestationStatus.NONE, "minimum must be warning or affirming");
		this.minimum = minimum;
	}

	@Override
	public @Nullable GuardDenial check(GuardRequest request) {
		Map<String, Object> att = request.token().getClaimAsMap("att");
		if (att == null || att.isEmpty()) {
			return GuardDenial.of(DenialReason.ATTESTATION_REQUIRED, "this endpoint needs an attested device ("
					+ this.minimum.wireName() + "); the token carries no attestation");
		}
		Instant expiresAt = instant(att.get("exp"));
		if (expiresAt != null && !expiresAt.isAfter(request.clock().instant())) {
			return GuardDenial.of(DenialReason.ATTESTATION_REQUIRED, "the token's attestation result has expired");
		}
		ClientStanding standing = request.standing();
		if (standing == null || IssuanceTime.millis(request.token()) <= standing.attestationResetAtMs()) {
			return GuardDenial.of(DenialReason.ATTESTATION_RESET,
					"the device was stepped up after the token was issued; get a token with fresh evidence");
		}
		AttestationStatus status = AttestationStatus.fromClaim(att.get("status"));
		if (!status.isAtLeast(this.minimum)) {
			return GuardDenial.of(DenialReason.ATTESTATION_INSUFFICIENT, "this endpoint needs attestation "
					+ this.minimum.wireName() + "; the token's is " + status.wireName());
		}
		return null;
	}

	private static @Nullable Instant instant(@Nullable Object value) {
		if (value instanceof Number seconds) {
			return Instant.ofEpochSecond(seconds.longValue());
		}
		if (value instanceof Instant instant) {
			return instant;
		}
		if (value instanceof Date date) {
			return date.toInstant();
		}
		return null;
	}

}
