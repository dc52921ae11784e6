package io.keyfleet.sim.attack;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceServerTests {

	@Test
	void challengeErrorWhenDpopAndBearerChallengesThenTheErrorOfTheOneThatHasIt() {
		assertThat(ResourceServer.challengeError(List.of("Bearer", "DPoP algs=\"ES256\", error=\"invalid_dpop_proof\""
				+ ", error_description=\"replayed\""))).isEqualTo("invalid_dpop_proof");
		assertThat(ResourceServer.challengeError(List.of("Bearer error=\"insufficient_scope\", scope=\"x\"")))
			.isEqualTo("insufficient_scope");
	}

	@Test
	void challengeErrorWhenNoErrorParameterThenNull() {
		// RFC 6750 3.1: a request without a token gets a challenge without an error code
		assertThat(ResourceServer.challengeError(List.of("Bearer realm=\"x\"", "DPoP algs=\"ES256\""))).isNull();
		assertThat(ResourceServer.challengeError(List.of())).isNull();
	}

	@Test
	void urlWhenBaseWithTrailingSlashThenPathJoinedOnce() {
		ResourceServer server = new ResourceServer(URI.create("https://rs.example:8444/"), null);

		assertThat(server.url(ResourceServer.configPath("dev-1")))
			.isEqualTo(URI.create("https://rs.example:8444/devices/dev-1/config"));
	}

}
