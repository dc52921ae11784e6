package io.keyfleet.sim.est;

import java.security.KeyPair;
import java.util.Base64;

import io.keyfleet.sim.EcKeys;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CertificationRequestsTests {

	@Test
	void createWhenP256KeyThenSignedRequestForTheKeyAndCommonName() throws Exception {
		KeyPair keyPair = EcKeys.generate();

		PKCS10CertificationRequest request = new PKCS10CertificationRequest(
				CertificationRequests.create(keyPair, "dev-0001"));

		assertThat(request.getSubject()).isEqualTo(new X500Name("CN=dev-0001"));
		assertThat(request.getSubjectPublicKeyInfo().getEncoded()).isEqualTo(keyPair.getPublic().getEncoded());
		assertThat(request.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.840.10045.4.3.2");
		// RFC 2986 3: the proof of possession, signed with the request's own key
		assertThat(request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(keyPair.getPublic())))
			.isTrue();
	}

	@Test
	void base64WhenDerThenMimeLinesThatDecodeToIt() {
		byte[] der = CertificationRequests.create(EcKeys.generate(), "dev-0001");

		String base64 = CertificationRequests.base64(der);

		assertThat(base64.lines()).allSatisfy((line) -> assertThat(line.length()).isLessThanOrEqualTo(76));
		assertThat(Base64.getMimeDecoder().decode(base64.trim())).isEqualTo(der);
	}

}
