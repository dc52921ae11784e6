package io.keyfleet.guard.standing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The standing JSON exactly as the auth-server's {@code ClientStanding.json} writes it
 * (docs/guard-state.md).
 */
class ClientStandingTests {

	@Test
	void parseWhenAuthServerJsonThenAllFields() {
		ClientStanding standing = ClientStanding.parse(
				"{\"status\":\"suspended\",\"kind\":\"service\",\"tokens_revoked_at_ms\":1764108000123,\"attestation_reset_at_ms\":7}");

		assertThat(standing).isEqualTo(new ClientStanding("suspended", "service", 1764108000123L, 7));
		assertThat(standing.isActive()).isFalse();
		assertThat(standing.isService()).isTrue();
	}

	@Test
	void parseWhenTimesMissingThenZero() {
		ClientStanding standing = ClientStanding.parse("{\"status\":\"active\",\"kind\":\"device\"}");

		assertThat(standing.tokensRevokedAtMs()).isZero();
		assertThat(standing.isActive()).isTrue();
	}

	@Test
	void parseWhenNotJsonOrIncompleteThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClientStanding.parse("active"));
		assertThatIllegalArgumentException().isThrownBy(() -> ClientStanding.parse("{\"kind\":\"device\"}"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClientStanding.parse("{\"status\":\"active\",\"kind\":\"device\",\"tokens_revoked_at_ms\":\"x\"}"));
	}

}
