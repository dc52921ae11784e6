package io.keyfleet.auth.clientauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class AssertionLifetimeValidatorTests {

	private static final Instant NOW = Instant.parse("2026-11-25T20:00:00Z");

	private final AssertionLifetimeValidator validator = new AssertionLifetimeValidator(Duration.ofMinutes(5),
			Duration.ofSeconds(30), Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void validateWhenExpWithinFiveMinutesThenSuccess() {
		assertThat(this.validator.validate(jwt(NOW, NOW.plusSeconds(300))).hasErrors()).isFalse();
	}

	@Test
	void validateWhenExpTooFarAheadThenInvalidClient() {
		var result = this.validator.validate(jwt(NOW, NOW.plusSeconds(600)));

		assertThat(result.hasErrors()).isTrue();
		assertThat(result.getErrors()).extracting("errorCode").containsExactly("invalid_client");
	}

	@Test
	void validateWhenSpanFromIatTooLongThenInvalidClient() {
		assertThat(this.validator.validate(jwt(NOW.minusSeconds(600), NOW.plusSeconds(60))).hasErrors()).isTrue();
	}

	@Test
	void validateWhenNoExpThenInvalidClient() {
		Jwt noExp = Jwt.withTokenValue("t").header("alg", "ES256").claim("sub", "d").build();

		assertThat(this.validator.validate(noExp).hasErrors()).isTrue();
	}

	private static Jwt jwt(Instant iat, Instant exp) {
		return Jwt.withTokenValue("t").header("alg", "ES256").claim("sub", "d").issuedAt(iat).expiresAt(exp).build();
	}

}
