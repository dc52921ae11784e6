package io.keyfleet.sim.est;

import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.SimException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CertsOnlyMessageTests {

	@Test
	void certificatesWhenCertsOnlyMessageThenItsCertificates() throws Exception {
		X509Certificate issued = TestCertificates.issue(EcKeys.generate(), "dev-0001");

		List<X509Certificate> certificates = CertsOnlyMessage.certificates(TestCertificates.certsOnly(List.of(issued)));

		assertThat(certificates).hasSize(1);
		assertThat(certificates.get(0).getEncoded()).isEqualTo(issued.getEncoded());
	}

	@Test
	void certificatesWhenNotBase64ThenSimException() {
		assertThatExceptionOfType(SimException.class).isThrownBy(() -> CertsOnlyMessage.certificates("not base64 !"))
			.withMessageContaining("not base64");
	}

	@Test
	void certificatesWhenBase64OfSomethingElseThenSimException() {
		String text = Base64.getEncoder().encodeToString("a refusal, not CMS".getBytes());

		assertThatExceptionOfType(SimException.class).isThrownBy(() -> CertsOnlyMessage.certificates(text))
			.withMessageContaining("not a PKCS#7 certs-only message");
	}

}
