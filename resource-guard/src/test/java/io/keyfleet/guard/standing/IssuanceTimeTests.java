package io.keyfleet.guard.standing;

import java.time.Instant;
import java.util.UUID;

import io.keyfleet.guard.TestAccessTokens;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issuance time in milliseconds: from a UUIDv7 {@code jti} (RFC 9562 Section 5.7), else
 * {@code iat × 1000} (docs/guard-state.md).
 */
class IssuanceTimeTests {

	@Test
	void millisWhenJtiIsUuidV7ThenItsTimestamp() {
		long issuedAt = 1_764_108_000_123L;

		long millis = IssuanceTime.millis(jwt(TestAccessTokens.uuidV7(issuedAt).toString(), issuedAt / 1000));

		assertThat(millis).isEqualTo(issuedAt);
	}

	@Test
	void millisWhenJtiIsUuidV4ThenIatInMilliseconds() {
		long millis = IssuanceTime.millis(jwt(UUID.randomUUID().toString(), 1_764_108_000L));

		assertThat(millis).isEqualTo(1_764_108_000_000L);
	}

	@Test
	void millisWhenJtiIsNotAUuidThenIatInMilliseconds() {
		assertThat(IssuanceTime.millis(jwt("not-a-uuid-at-all", 1_764_108_000L))).isEqualTo(1_764_108_000_000L);
	}

	@Test
	void millisWhenNeitherThenZero() {
		Jwt jwt = Jwt.withTokenValue("t").header("alg", "ES256").claim("sub", "dev-1").build();

		assertThat(IssuanceTime.millis(jwt)).isZero();
	}

	private static Jwt jwt(String jti, long iatSeconds) {
		return Jwt.withTokenValue("t").header("alg", "ES256").jti(jti).issuedAt(Instant.ofEpochSecond(iatSeconds)).build();
	}

}
