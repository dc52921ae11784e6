package io.keyfleet.guard.dpop;

import java.net.http.HttpResponse;

import com.nimbusds.jose.jwk.ECKey;
import io.keyfleet.guard.GuardClient;
import io.keyfleet.guard.GuardServer;
import io.keyfleet.guard.TestDPoPProofs;
import io.keyfleet.guard.TestRedis;
import io.keyfleet.guard.TestState;
import io.keyfleet.guard.state.CacheMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.keyfleet.guard.GuardAssertions.assertOk;
import static io.keyfleet.guard.GuardAssertions.assertUnauthorized;
import static io.keyfleet.guard.GuardAssertions.newId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-provided DPoP nonces ({@code keyfleet.guard.dpop.require-nonce=true}, RFC 9449
 * Section 9): a proof without one gets {@code use_dpop_nonce} and a {@code DPoP-Nonce}
 * header; the retry with that nonce goes through, also at another guard on the same
 * Redis.
 */
class DPoPNonceIntegrationTests {

	private static GuardServer guard;

	private static GuardServer other;

	private final TestState state = TestState.shared();

	private final GuardClient client = GuardClient.trusting(GuardServer.CA);

	private final ECKey key = TestDPoPProofs.newKey();

	@BeforeAll
	static void start() {
		guard = GuardServer.start(CacheMode.TRACKING, TestRedis.url(), "keyfleet.guard.dpop.require-nonce=true");
		other = GuardServer.start(CacheMode.PUBSUB, TestRedis.url(), "keyfleet.guard.dpop.require-nonce=true");
	}

	@AfterAll
	static void stop() {
		guard.close();
		other.close();
	}

	@Test
	void requestWhenProofWithoutNonceThenUseDPoPNonceWithANonce() {
		String token = boundToken();

		HttpResponse<String> response = call(guard, token, proof(guard, token).sign());

		assertUnauthorized(response, "DPoP", "use_dpop_nonce");
		assertThat(response.headers().firstValue("DPoP-Nonce")).isPresent();
	}

	@Test
	void requestWhenProofCarriesTheNonceThenOkAtBothGuards() {
		String token = boundToken();
		String nonce = call(guard, token, proof(guard, token).sign()).headers().firstValue("DPoP-Nonce").orElseThrow();

		assertOk(call(guard, token, proof(guard, token).claim("nonce", nonce).sign()));
		assertOk(call(other, token, proof(other, token).claim("nonce", nonce).sign()));
	}

	@Test
	void requestWhenNonceForgedThenUseDPoPNonce() {
		String token = boundToken();

		HttpResponse<String> response = call(guard, token,
				proof(guard, token).claim("nonce", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").sign());

		assertUnauthorized(response, "DPoP", "use_dpop_nonce");
	}

	private String boundToken() {
		String id = newId("dev");
		this.state.activeDevice(id);
		return GuardServer.token(GuardServer.claims(id)
			.claim("scope", "fleet:read")
			.claim("cnf", TestDPoPProofs.confirmation(this.key)));
	}

	private TestDPoPProofs.Proof proof(GuardServer server, String token) {
		return TestDPoPProofs.proof(this.key, "GET", server.url("/fleet/summary"), token);
	}

	private HttpResponse<String> call(GuardServer server, String token, String proof) {
		return this.client.dpop("GET", server.url("/fleet/summary"), token, proof);
	}

}
