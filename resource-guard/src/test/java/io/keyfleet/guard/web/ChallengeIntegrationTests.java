package io.keyfleet.guard.web;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;

import io.keyfleet.guard.GuardClient;
import io.keyfleet.guard.GuardServer;
import io.keyfleet.guard.TestAccessTokens;
import io.keyfleet.guard.TestState;
import org.junit.jupiter.api.Test;

import static io.keyfleet.guard.GuardAssertions.assertInvalidToken;
import static io.keyfleet.guard.GuardAssertions.assertOk;
import static io.keyfleet.guard.GuardAssertions.assertProblem;
import static io.keyfleet.guard.GuardAssertions.challenges;
import static io.keyfleet.guard.GuardAssertions.newId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of the guard's {@code 401}s (RFC 6750 Section 3, RFC 9449 Section 7.1): what a
 * client sees without a token, with an invalid one, and the protected resource metadata
 * it can discover the issuer from (RFC 9728).
 */
class ChallengeIntegrationTests {

	private final GuardServer guard = GuardServer.shared();

	private final TestState state = TestState.shared();

	private final GuardClient client = GuardClient.trusting(GuardServer.CA);

	@Test
	void requestWhenNoTokenThenUnauthorizedWithBearerAndDPoPChallengesAndNoErrorCode() {
		HttpResponse<String> response = this.client.get(this.guard.url("/fleet/summary"), null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(challenges(response)).hasSize(2)
			.anySatisfy((challenge) -> assertThat(challenge)
				.isEqualTo("Bearer resource_metadata=\"" + TestAccessTokens.AUDIENCE + "/.well-known/oauth-protected-resource\""))
			.anySatisfy((challenge) -> assertThat(challenge).startsWith("DPoP algs=\"").contains("ES256"))
			.allSatisfy((challenge) -> assertThat(challenge).doesNotContain("error="));
	}

	@Test
	void requestWhenTokenValidThenOk() {
		String id = newId("dev");
		this.state.activeDevice(id);

		assertOk(this.client.bearer("GET", this.guard.url("/fleet/summary"),
				GuardServer.token(GuardServer.claims(id).claim("scope", "fleet:read"))));
	}

	@Test
	void requestWhenAudienceIsAnotherThenUnauthorizedInvalidTokenWithProblem() {
		String id = newId("dev");
		this.state.activeDevice(id);
		String token = GuardServer
			.token(GuardServer.claims(id).claim("scope", "fleet:read").audience("https://reports.example"));

		HttpResponse<String> response = this.client.bearer("GET", this.guard.url("/fleet/summary"), token);

		assertInvalidToken(response);
		assertProblem(response, "invalid-token");
	}

	@Test
	void requestWhenTokenExpiredThenUnauthorizedInvalidToken() {
		String id = newId("dev");
		this.state.activeDevice(id);
		long issued = System.currentTimeMillis() - 600_000;
		String token = GuardServer.token(TestAccessTokens.claims(GuardServer.JWKS.issuer(), id, issued)
			.claim("scope", "fleet:read")
			.expirationTime(Date.from(Instant.ofEpochMilli(issued).plusSeconds(300))));

		assertInvalidToken(this.client.bearer("GET", this.guard.url("/fleet/summary"), token));
	}

	@Test
	void requestWhenTokenSignedByAnotherKeyThenUnauthorizedInvalidToken() {
		String id = newId("dev");
		this.state.activeDevice(id);
		var forger = TestAccessTokens.signingKey("k1");
		String token = TestAccessTokens.sign(forger, TestAccessTokens.header(forger),
				GuardServer.claims(id).claim("scope", "fleet:read"));

		assertInvalidToken(this.client.bearer("GET", this.guard.url("/fleet/summary"), token));
	}

	@Test
	void metadataWhenRequestedThenNamesTheIssuerAndSenderConstraints() {
		HttpResponse<String> response = this.client.get(this.guard.url("/.well-known/oauth-protected-resource"), null);

		assertOk(response);
		assertThat(response.body()).contains("\"resource\":\"" + TestAccessTokens.AUDIENCE + "\"")
			.contains(GuardServer.JWKS.issuer())
			.contains("\"tls_client_certificate_bound_access_tokens\":true")
			.contains("dpop_signing_alg_values_supported");
	}

}
