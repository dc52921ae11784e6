package io.keyfleet.auth.pki;

import java.security.KeyPair;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Proof of possession and the key rules for CSRs (RFC 2986). */
class CsrCheckTests {

	@Test
	void verifiedKeyWhenP256ThenTheRequestsKey() throws Exception {
		KeyPair pair = PkiFixtures.ec("secp256r1");

		assertThat(CsrCheck.verifiedKey(PkiFixtures.csr(pair, "CN=x"))).isEqualTo(pair.getPublic());
	}

	@Test
	void verifiedKeyWhenRsa2048ThenAccepted() throws Exception {
		KeyPair pair = PkiFixtures.rsa(2048);

		assertThat(CsrCheck.verifiedKey(PkiFixtures.csr(pair, "CN=x"))).isEqualTo(pair.getPublic());
	}

	@Test
	void verifiedKeyWhenRsa1024ThenRefused() throws Exception {
		byte[] csr = PkiFixtures.csr(PkiFixtures.rsa(1024), "CN=x");

		assertThatExceptionOfType(InvalidCsrException.class).isThrownBy(() -> CsrCheck.verifiedKey(csr))
			.withMessageContaining("2048");
	}

	@Test
	void verifiedKeyWhenP384ThenRefused() throws Exception {
		byte[] csr = PkiFixtures.csr(PkiFixtures.ec("secp384r1"), "CN=x");

		assertThatExceptionOfType(InvalidCsrException.class).isThrownBy(() -> CsrCheck.verifiedKey(csr))
			.withMessageContaining("P-256");
	}

	@Test
	void verifiedKeyWhenSignedByAnotherKeyThenRefused() throws Exception {
		KeyPair claimed = PkiFixtures.ec("secp256r1");
		KeyPair signer = PkiFixtures.ec("secp256r1");
		byte[] csr = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(
				new org.bouncycastle.asn1.x500.X500Name("CN=x"), claimed.getPublic())
			.build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
				.build(signer.getPrivate()))
			.getEncoded();

		assertThatExceptionOfType(InvalidCsrException.class).isThrownBy(() -> CsrCheck.verifiedKey(csr))
			.withMessageContaining("proof of possession");
	}

	@Test
	void verifiedKeyWhenNotDerThenRefused() {
		assertThatExceptionOfType(InvalidCsrException.class)
			.isThrownBy(() -> CsrCheck.verifiedKey(new byte[] { 0x30, 0x01, 0x00 }));
	}

}
