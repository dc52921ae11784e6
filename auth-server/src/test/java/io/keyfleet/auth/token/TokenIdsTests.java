package io.keyfleet.auth.token;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenIdsTests {

	@Test
	void newIdWhenCalledThenUuidVersion7CarryingTheIssuanceMillisecond() {
		Instant issuedAt = Instant.parse("2026-11-25T20:00:00.123Z");

		String id = TokenIds.newId(issuedAt);

		UUID uuid = UUID.fromString(id);
		assertThat(uuid.version()).isEqualTo(7);
		assertThat(uuid.variant()).isEqualTo(2);
		assertThat(TokenIds.issuedAtMillis(id, 0)).isEqualTo(issuedAt.toEpochMilli());
		assertThat(TokenIds.newId(issuedAt)).isNotEqualTo(id);
	}

	@Test
	void issuedAtMillisWhenNotUuidV7ThenFallback() {
		assertThat(TokenIds.issuedAtMillis(UUID.randomUUID().toString(), 42)).isEqualTo(42);
		assertThat(TokenIds.issuedAtMillis("not-a-uuid", 42)).isEqualTo(42);
		assertThat(TokenIds.issuedAtMillis(null, 42)).isEqualTo(42);
	}

}
