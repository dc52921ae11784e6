package io.keyfleet.guard.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GuardResponsesTests {

	@Test
	void resourceMetadataUrlWhenResourceHasNoPathThenWellKnownAtTheRoot() {
		assertThat(GuardResponses.resourceMetadataUrl("https://api.example.com"))
			.isEqualTo("https://api.example.com/.well-known/oauth-protected-resource");
		assertThat(GuardResponses.resourceMetadataUrl("https://localhost:8444/"))
			.isEqualTo("https://localhost:8444/.well-known/oauth-protected-resource");
	}

	@Test
	void resourceMetadataUrlWhenResourceHasPathThenWellKnownBetweenHostAndPath() {
		assertThat(GuardResponses.resourceMetadataUrl("https://api.example.com:8443/fleet/v1"))
			.isEqualTo("https://api.example.com:8443/.well-known/oauth-protected-resource/fleet/v1");
	}

}
