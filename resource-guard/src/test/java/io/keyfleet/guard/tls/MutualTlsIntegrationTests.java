package io.keyfleet.guard.tls;

import java.net.http.HttpResponse;
import java.util.Map;

import io.keyfleet.guard.GuardClient;
import io.keyfleet.guard.GuardServer;
import io.keyfleet.guard.TestCertificates;
import io.keyfleet.guard.TestState;
import org.junit.jupiter.api.Test;

import static io.keyfleet.guard.GuardAssertions.assertInvalidToken;
import static io.keyfleet.guard.GuardAssertions.assertOk;
import static io.keyfleet.guard.GuardAssertions.newId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificate-bound tokens (RFC 8705 Section 3) over real TLS connections with real
 * client certificates: the token's {@code cnf.x5t#S256} must be the thumbprint of the
 * certificate presented on the request's own connection. The TLS layer accepts any
 * client certificate ({@link AnyClientCertificateTrustManager}), self-signed or not.
 */
class MutualTlsIntegrationTests {

	private final GuardServer guard = GuardServer.shared();

	private final TestState state = TestState.shared();

	@Test
	void requestWhenBoundTokenWithoutCertificateThenUnauthorized() {
		Bound bound = bound(TestCertificates.selfSignedClient("dev"));

		assertInvalidToken(summary(GuardClient.trusting(GuardServer.CA), bound.token()));
	}

	@Test
	void requestWhenBoundTokenWithAnotherCertificateThenUnauthorized() {
		Bound bound = bound(TestCertificates.selfSignedClient("dev"));
		TestCertificates.Issued thief = TestCertificates.selfSignedClient("dev");

		assertInvalidToken(summary(GuardClient.presenting(GuardServer.CA, thief), bound.token()));
	}

	@Test
	void requestWhenBoundTokenWithItsSelfSignedCertificateThenOk() {
		TestCertificates.Issued certificate = TestCertificates.selfSignedClient("dev");
		Bound bound = bound(certificate);

		assertOk(summary(GuardClient.presenting(GuardServer.CA, certificate), bound.token()));
	}

	@Test
	void requestWhenBoundTokenWithItsCaIssuedCertificateThenOk() {
		TestCertificates.Issued deviceCa = TestCertificates.ca("Device CA");
		TestCertificates.Issued certificate = TestCertificates.client(deviceCa, "dev");
		Bound bound = bound(certificate);

		assertOk(summary(GuardClient.presenting(GuardServer.CA, certificate), bound.token()));
	}

	@Test
	void requestWhenUnboundTokenWithOrWithoutCertificateThenOk() {
		String id = newId("dev");
		this.state.activeDevice(id);
		String token = GuardServer.token(GuardServer.claims(id).claim("scope", "fleet:read"));

		assertOk(summary(GuardClient.trusting(GuardServer.CA), token));
		assertOk(summary(GuardClient.presenting(GuardServer.CA, TestCertificates.selfSignedClient("x")), token));
	}

	@Test
	void requestWhenBoundTokenThenChallengeSaysWhy() {
		Bound bound = bound(TestCertificates.selfSignedClient("dev"));

		HttpResponse<String> response = summary(GuardClient.trusting(GuardServer.CA), bound.token());

		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).contains("X509Certificate"));
	}

	private Bound bound(TestCertificates.Issued certificate) {
		String id = newId("dev");
		this.state.activeDevice(id);
		return new Bound(GuardServer.token(GuardServer.claims(id)
			.claim("scope", "fleet:read")
			.claim("cnf", Map.of("x5t#S256", certificate.thumbprint()))));
	}

	private HttpResponse<String> summary(GuardClient client, String token) {
		return client.bearer("GET", this.guard.url("/fleet/summary"), token);
	}

	private record Bound(String token) {
	}

}
