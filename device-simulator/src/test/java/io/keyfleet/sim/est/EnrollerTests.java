package io.keyfleet.sim.est;

import java.security.KeyPair;
import java.util.List;

import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.ExitCodes;
import io.keyfleet.sim.SimException;
import io.keyfleet.sim.binding.ClientCertificate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EnrollerTests {

	@Test
	void issuedWhenCertificateForTheRequestsKeyThenCertificateWithKey() throws Exception {
		KeyPair keyPair = EcKeys.generate();
		EstResponse response = new EstResponse("simpleenroll", 200,
				TestCertificates.certsOnly(List.of(TestCertificates.issue(keyPair, "dev-0001"))), null);

		ClientCertificate issued = Enroller.issued(response, keyPair);

		assertThat(issued.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=dev-0001");
		assertThat(issued.privateKey()).isSameAs(keyPair.getPrivate());
	}

	@Test
	void issuedWhenCertificateForAnotherKeyThenSimException() throws Exception {
		EstResponse response = new EstResponse("simpleenroll", 200,
				TestCertificates.certsOnly(List.of(TestCertificates.issue(EcKeys.generate(), "dev-0001"))), null);

		assertThatExceptionOfType(SimException.class).isThrownBy(() -> Enroller.issued(response, EcKeys.generate()))
			.withMessageContaining("another key");
	}

	@Test
	void issuedWhenRateLimitedThenOauthErrorExitWithRetryAfter() {
		EstResponse response = new EstResponse("simpleenroll", 429, "{\"error\":\"slow_down\"}", "3");

		assertThatExceptionOfType(SimException.class).isThrownBy(() -> Enroller.issued(response, EcKeys.generate()))
			.withMessageContaining("HTTP 429: rate limited: retry after 3 s")
			.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(ExitCodes.OAUTH_ERROR));
	}

	@Test
	void refusalWhenEachEstStatusThenExplained() {
		assertThat(new EstResponse("simpleenroll", 400, "the body is not base64\n", null).refusal())
			.contains("HTTP 400", "malformed", "(server: the body is not base64)");
		assertThat(new EstResponse("simpleenroll", 401, "", null).refusal())
			.contains("HTTP 401", "enrollment token is unknown, used or expired")
			.doesNotContain("server:");
		assertThat(new EstResponse("simplereenroll", 403, "device suspended", null).refusal())
			.startsWith("EST simplereenroll refused with HTTP 403: authenticated, but not allowed to enroll");
	}

}
