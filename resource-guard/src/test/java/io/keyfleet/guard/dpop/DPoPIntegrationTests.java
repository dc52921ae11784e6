package io.keyfleet.guard.dpop;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import com.nimbusds.jose.jwk.ECKey;
import io.keyfleet.guard.GuardClient;
import io.keyfleet.guard.GuardServer;
import io.keyfleet.guard.TestDPoPProofs;
import io.keyfleet.guard.TestState;
import org.junit.jupiter.api.Test;

import static io.keyfleet.guard.GuardAssertions.assertOk;
import static io.keyfleet.guard.GuardAssertions.assertUnauthorized;
import static io.keyfleet.guard.GuardAssertions.newId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP-bound tokens (RFC 9449) at two guard instances sharing one Redis: every proof
 * rejection reason next to the accepted proof, with the error codes of CONTRACT.md
 * "Resource servers".
 */
class DPoPIntegrationTests {

	private final GuardServer guard = GuardServer.shared();

	private final GuardServer peer = GuardServer.sharedPeer();

	private final TestState state = TestState.shared();

	private final GuardClient client = GuardClient.trusting(GuardServer.CA);

	private final ECKey key = TestDPoPProofs.newKey();

	@Test
	void requestWhenValidProofThenOkAtBothInstances() {
		String token = boundToken();

		assertOk(call(this.guard, token, proof(this.guard, token).sign()));
		assertOk(call(this.peer, token, proof(this.peer, token).sign()));
	}

	@Test
	void requestWhenProofMissingThenUnauthorizedInvalidDPoPProof() {
		String token = boundToken();

		HttpResponse<String> response = this.client.dpop("GET", this.guard.url("/fleet/summary"), token, null);

		assertUnauthorized(response, "DPoP", "invalid_dpop_proof");
	}

	@Test
	void requestWhenProofReplayedAtSameInstanceThenUnauthorizedInvalidDPoPProof() {
		String token = boundToken();
		String proof = proof(this.guard, token).sign();
		assertOk(call(this.guard, token, proof));

		assertUnauthorized(call(this.guard, token, proof), "DPoP", "invalid_dpop_proof");
	}

	@Test
	void requestWhenProofReplayedAtTheOtherInstanceThenUnauthorizedInvalidDPoPProof() {
		// both instances serve the same URL, as behind a load balancer: the peer gets the
		// first instance's Host, so its htu matches and only the used jti can refuse it
		String token = boundToken();
		String host = "localhost:" + this.guard.port();
		String url = "https://" + host + "/fleet/summary";
		String proof = TestDPoPProofs.proof(this.key, "GET", url, token).sign();
		GuardClient.RawResponse fresh = this.client.rawGet(this.peer.port(), host, "/fleet/summary",
				Map.of("Authorization", "DPoP " + token, "DPoP",
						TestDPoPProofs.proof(this.key, "GET", url, token).sign()));
		assertThat(fresh.status()).as(fresh.text()).isEqualTo(200);
		assertOk(this.client.dpop("GET", url, token, proof));

		GuardClient.RawResponse replay = this.client.rawGet(this.peer.port(), host, "/fleet/summary",
				Map.of("Authorization", "DPoP " + token, "DPoP", proof));

		assertThat(replay.status()).isEqualTo(401);
		assertThat(replay.text()).contains("WWW-Authenticate: DPoP error=\"invalid_dpop_proof\"").contains("jti");
	}

	@Test
	void requestWhenProofSignedWithAnotherKeyThenUnauthorizedInvalidToken() {
		String token = boundToken();
		ECKey thief = TestDPoPProofs.newKey();
		String proof = TestDPoPProofs.proof(thief, "GET", this.guard.url("/fleet/summary"), token).sign();

		assertUnauthorized(call(this.guard, token, proof), "DPoP", "invalid_token");
	}

	@Test
	void requestWhenDPoPBoundTokenSentAsBearerThenUnauthorizedInvalidToken() {
		String token = boundToken();

		assertUnauthorized(this.client.bearer("GET", this.guard.url("/fleet/summary"), token), "Bearer",
				"invalid_token");
	}

	@Test
	void requestWhenAthIsForAnotherTokenThenUnauthorizedInvalidDPoPProof() {
		String token = boundToken();
		String proof = proof(this.guard, token).claim("ath", TestDPoPProofs.ath(boundToken())).sign();

		assertUnauthorized(call(this.guard, token, proof), "DPoP", "invalid_dpop_proof");
	}

	@Test
	void requestWhenHtuIsAnotherUrlThenUnauthorizedInvalidDPoPProof() {
		String token = boundToken();
		String proof = TestDPoPProofs.proof(this.key, "GET", this.guard.url("/devices/x/config"), token).sign();

		assertUnauthorized(call(this.guard, token, proof), "DPoP", "invalid_dpop_proof");
	}

	@Test
	void requestWhenHtmIsAnotherMethodThenUnauthorizedInvalidDPoPProof() {
		String token = boundToken();
		String proof = TestDPoPProofs.proof(this.key, "POST", this.guard.url("/fleet/summary"), token).sign();

		assertUnauthorized(call(this.guard, token, proof), "DPoP", "invalid_dpop_proof");
	}

	@Test
	void requestWhenProofIssuedOutsideTheWindowThenUnauthorizedInvalidDPoPProof() {
		String token = boundToken();
		String old = proof(this.guard, token).issuedAt(Instant.now().minusSeconds(120)).sign();
		String future = proof(this.guard, token).issuedAt(Instant.now().plusSeconds(120)).sign();

		assertUnauthorized(call(this.guard, token, old), "DPoP", "invalid_dpop_proof");
		assertUnauthorized(call(this.guard, token, future), "DPoP", "invalid_dpop_proof");
	}

	@Test
	void requestWhenDPoPTokenRevokedThenUnauthorizedInvalidToken() {
		String id = device();
		com.nimbusds.jwt.JWTClaimsSet.Builder claims = GuardServer.claims(id)
			.claim("scope", "fleet:read")
			.claim("cnf", TestDPoPProofs.confirmation(this.key));
		String token = GuardServer.token(claims);
		assertOk(call(this.guard, token, proof(this.guard, token).sign()));

		this.state.revokeToken(claims.build().getJWTID());

		long deadline = System.nanoTime() + 1_000_000_000L;
		HttpResponse<String> response;
		do {
			response = call(this.guard, token, proof(this.guard, token).sign());
		}
		while (response.statusCode() != 401 && System.nanoTime() < deadline);
		assertUnauthorized(response, "DPoP", "invalid_token");
	}

	@Test
	void requestWhenUnboundTokenSentWithDPoPSchemeThenUnauthorizedInvalidToken() {
		String id = device();
		String token = GuardServer.token(GuardServer.claims(id).claim("scope", "fleet:read"));

		assertUnauthorized(call(this.guard, token, proof(this.guard, token).sign()), "DPoP", "invalid_token");
	}

	private String boundToken() {
		return GuardServer.token(GuardServer.claims(device())
			.claim("scope", "fleet:read")
			.claim("cnf", TestDPoPProofs.confirmation(this.key)));
	}

	private String device() {
		String id = newId("dev");
		this.state.activeDevice(id);
		return id;
	}

	private TestDPoPProofs.Proof proof(GuardServer server, String token) {
		return TestDPoPProofs.proof(this.key, "GET", server.url("/fleet/summary"), token);
	}

	private HttpResponse<String> call(GuardServer server, String token, String proof) {
		return this.client.dpop("GET", server.url("/fleet/summary"), token, proof);
	}

}
