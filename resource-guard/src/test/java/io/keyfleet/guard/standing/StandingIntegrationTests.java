package io.keyfleet.guard.standing;

import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import io.keyfleet.guard.GuardClient;
import io.keyfleet.guard.GuardServer;
import io.keyfleet.guard.TestAccessTokens;
import io.keyfleet.guard.TestCertificates;
import io.keyfleet.guard.TestState;
import org.junit.jupiter.api.Test;

import static io.keyfleet.guard.GuardAssertions.assertInvalidToken;
import static io.keyfleet.guard.GuardAssertions.assertOk;
import static io.keyfleet.guard.GuardAssertions.newId;

/**
 * Every request is re-checked against the shared state (docs/guard-state.md), over real
 * TLS: one test per reason a token is no longer in good standing, each next to the
 * allowed case.
 */
class StandingIntegrationTests {

	private final GuardServer guard = GuardServer.shared();

	private final TestState state = TestState.shared();

	private final GuardClient client = GuardClient.trusting(GuardServer.CA);

	@Test
	void requestWhenTokenLiveAndClientActiveThenOk() {
		String id = device();

		assertOk(summary(token(id)));
	}

	@Test
	void requestWhenTokenRevokedThenUnauthorizedAndSiblingTokenStillOk() {
		String id = device();
		JWTClaimsSet.Builder revoked = claims(id);
		String revokedToken = GuardServer.token(revoked);
		String sibling = token(id);
		assertOk(summary(revokedToken));

		this.state.revokeToken(revoked.build().getJWTID());

		awaitDenied(revokedToken);
		assertInvalidToken(summary(revokedToken));
		assertOk(summary(sibling));
	}

	@Test
	void requestWhenDeviceSuspendedThenUnauthorizedAndWhenActiveAgainTokensAfterItOk() {
		String id = device();
		String token = token(id);
		assertOk(summary(token));

		long suspendedAt = System.currentTimeMillis();
		this.state.standing(id, "suspended", "device", suspendedAt, 0);

		awaitDenied(token);
		assertInvalidToken(summary(token));

		// resume: a suspension acts as a kill switch, the old token stays dead
		this.state.standing(id, "active", "device", suspendedAt, 0);
		assertInvalidToken(summary(token));
		assertOk(summary(GuardServer.token(TestAccessTokens.claims(GuardServer.JWKS.issuer(), id, suspendedAt + 1)
			.claim("scope", "fleet:read"))));
	}

	@Test
	void requestWhenDeviceRetiredThenUnauthorized() {
		String id = device();
		String token = token(id);
		assertOk(summary(token));

		this.state.standing(id, "retired", "device", System.currentTimeMillis(), 0);

		awaitDenied(token);
		assertInvalidToken(summary(token));
	}

	@Test
	void requestWhenDeviceQuarantinedThenUnauthorized() {
		String id = device();
		String token = token(id);
		assertOk(summary(token));

		this.state.standing(id, "quarantined", "device", 0, 0);

		awaitDenied(token);
		assertInvalidToken(summary(token));
	}

	@Test
	void requestWhenDevicePendingThenUnauthorized() {
		// a device sent back to pending (never by the admin API today) counts as not active
		String id = device();
		String token = token(id);
		assertOk(summary(token));

		this.state.standing(id, "pending", "device", 0, 0);

		awaitDenied(token);
		assertInvalidToken(summary(token));
	}

	@Test
	void requestWhenClientUnknownThenUnauthorized() {
		assertInvalidToken(summary(token(newId("never-registered"))));
	}

	@Test
	void requestWhenIssuedBeforeKillSwitchThenUnauthorizedAndOneMillisecondAfterOk() {
		String id = device();
		long killedAt = System.currentTimeMillis() - 5;
		// same iat second, told apart only by the UUIDv7 jti's milliseconds
		String atKill = GuardServer.token(TestAccessTokens.claims(GuardServer.JWKS.issuer(), id, killedAt)
			.claim("scope", "fleet:read"));
		String afterKill = GuardServer.token(TestAccessTokens.claims(GuardServer.JWKS.issuer(), id, killedAt + 1)
			.issueTime(new java.util.Date(killedAt / 1000 * 1000))
			.claim("scope", "fleet:read"));

		this.state.standing(id, "active", "device", killedAt, 0);

		awaitDenied(atKill);
		assertInvalidToken(summary(atKill));
		assertOk(summary(afterKill));
	}

	@Test
	void requestWhenBoundCertificateRevokedThenUnauthorizedAndAnotherCertificateStillOk() {
		String id = device();
		TestCertificates.Issued certificate = TestCertificates.selfSignedClient(id);
		TestCertificates.Issued renewed = TestCertificates.selfSignedClient(id);
		GuardClient withCertificate = GuardClient.presenting(GuardServer.CA, certificate);
		GuardClient withRenewed = GuardClient.presenting(GuardServer.CA, renewed);
		String bound = GuardServer
			.token(claims(id).claim("cnf", Map.of("x5t#S256", certificate.thumbprint())));
		String boundToRenewed = GuardServer
			.token(claims(id).claim("cnf", Map.of("x5t#S256", renewed.thumbprint())));
		assertOk(withCertificate.bearer("GET", this.guard.url("/fleet/summary"), bound));

		this.state.revokeCertificate(certificate.thumbprint());

		awaitDenied(() -> withCertificate.bearer("GET", this.guard.url("/fleet/summary"), bound).statusCode());
		assertInvalidToken(withCertificate.bearer("GET", this.guard.url("/fleet/summary"), bound));
		assertOk(withRenewed.bearer("GET", this.guard.url("/fleet/summary"), boundToRenewed));
	}

	@Test
	void requestWhenSigningKeyRevokedThenUnauthorizedAndTokensOfTheOtherKeyStillOk() {
		String id = device();
		String byRevocable = TestAccessTokens.sign(GuardServer.REVOCABLE_KEY,
				TestAccessTokens.header(GuardServer.REVOCABLE_KEY), claims(id).claim("scope", "fleet:read"));
		String byActive = GuardServer.token(claims(id).claim("scope", "fleet:read"));
		assertOk(summary(byRevocable));

		this.state.revokeSigningKey(GuardServer.REVOCABLE_KEY.getKeyID());

		awaitDenied(byRevocable);
		assertInvalidToken(summary(byRevocable));
		assertOk(summary(byActive));
	}

	private String device() {
		String id = newId("dev");
		this.state.activeDevice(id);
		return id;
	}

	private static JWTClaimsSet.Builder claims(String id) {
		return GuardServer.claims(id).claim("scope", "fleet:read");
	}

	private static String token(String id) {
		return GuardServer.token(claims(id));
	}

	private java.net.http.HttpResponse<String> summary(String token) {
		return this.client.bearer("GET", this.guard.url("/fleet/summary"), token);
	}

	private void awaitDenied(String token) {
		awaitDenied(() -> summary(token).statusCode());
	}

	/** Invalidations are asynchronous: allow them a moment (they take about a millisecond). */
	static void awaitDenied(java.util.function.IntSupplier status) {
		long deadline = System.nanoTime() + 1_000_000_000L;
		while (status.getAsInt() != 401 && System.nanoTime() < deadline) {
			java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
		}
	}

}
