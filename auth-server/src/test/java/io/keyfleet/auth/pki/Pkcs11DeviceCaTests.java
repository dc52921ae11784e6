package io.keyfleet.auth.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.keyfleet.auth.keys.Pem;
import io.keyfleet.auth.keys.SoftHsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The device CA's key in a real SoftHSM2 token ({@link SoftHsmDeviceCa}): a handle that
 * signs certificates and CRLs in the token, the certificate from the token or from a PEM
 * file, two providers on one token side by side, and the refusals — wrong PIN, unknown
 * label, a certificate of another key — with the PIN in no message.
 */
class Pkcs11DeviceCaTests {

	private static SoftHsmDeviceCa hsmCa;

	@TempDir
	Path dir;

	@BeforeAll
	static void provision() {
		hsmCa = SoftHsmDeviceCa.get();
	}

	@Test
	void loadWhenKeyInTokenThenHandleSignsCertificatesAndCrlsThatVerifyWithTheCaCertificate() throws Exception {
		DeviceCa ca = DeviceCaSources.load(pkcs11(hsmCa.properties()));

		assertThat(ca.certificate().getEncoded()).isEqualTo(Pem.readCertificates(Files.readString(hsmCa.certificate()))
			.get(0)
			.getEncoded());
		X509Certificate device = CertificateBuilder.forSubject("CN=device-1", CertificateBuilder.newP256KeyPair().getPublic())
			.issuedBy(ca.certificate(), ca.signer())
			.clientAuth()
			.build();
		device.verify(ca.certificate().getPublicKey());
		byte[] crl = new CrlBuilder(ca).build(List.of(), 1, Instant.now(), Instant.now().plusSeconds(60));
		((X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl)))
			.verify(ca.certificate().getPublicKey());
	}

	@Test
	void loadTwiceOnTheSameTokenThenBothProvidersSign() throws Exception {
		DeviceCa first = DeviceCaSources.load(pkcs11(hsmCa.properties()));
		DeviceCa second = DeviceCaSources.load(pkcs11(hsmCa.properties()));

		for (DeviceCa ca : List.of(first, second, first)) {
			CertificateBuilder.forSubject("CN=device-2", CertificateBuilder.newP256KeyPair().getPublic())
				.issuedBy(ca.certificate(), ca.signer())
				.build()
				.verify(first.certificate().getPublicKey());
		}
	}

	@Test
	void loadWhenCertificateFromPemFileThenUsesIt() throws Exception {
		Pkcs11DeviceCaProperties token = hsmCa.properties();
		var properties = new Pkcs11DeviceCaProperties(token.library(), token.slot(), 0, token.pin(), token.keyLabel(),
				hsmCa.certificate());

		assertThat(DeviceCaSources.load(pkcs11(properties)).name().toString())
			.isEqualTo("CN=Keyfleet Test HSM Device CA");
	}

	@Test
	void loadWhenPemCertificateIsOfAnotherKeyThenRefused() throws Exception {
		Path other = Files.writeString(this.dir.resolve("other.pem"), Pem.write(PkiFixtures.newDeviceCa().certificate()));
		Pkcs11DeviceCaProperties token = hsmCa.properties();
		var properties = new Pkcs11DeviceCaProperties(token.library(), token.slot(), 0, token.pin(), token.keyLabel(),
				other);

		assertThatIllegalStateException().isThrownBy(() -> DeviceCaSources.load(pkcs11(properties)))
			.withMessageContaining("keyfleet.pki.device-ca.pkcs11")
			.withMessageContaining("does not belong to the certificate");
	}

	@Test
	void loadWhenWrongPinThenRefusedWithoutShowingThePin() {
		String wrong = "wrong-" + SoftHsm.sparePin();
		SoftHsm hsm = hsmCa.hsm();
		var properties = new Pkcs11DeviceCaProperties(hsm.library(), hsm.spareSlot(), 0, wrong,
				SoftHsmDeviceCa.LABEL, null);

		assertThatIllegalStateException().isThrownBy(() -> DeviceCaSources.load(pkcs11(properties)))
			.withMessageContaining("keyfleet.pki.device-ca.pkcs11: cannot log in")
			.withMessageNotContaining(wrong)
			.satisfies(ex -> assertThat(properties.toString()).doesNotContain(wrong));
	}

	@Test
	void loadWhenNoKeyWithTheLabelThenRefusedNamingIt() {
		SoftHsm hsm = hsmCa.hsm();
		var properties = new Pkcs11DeviceCaProperties(hsm.library(), hsm.slot(), 0, hsm.pin(), "no-such-ca", null);

		assertThatIllegalStateException().isThrownBy(() -> DeviceCaSources.load(pkcs11(properties)))
			.withMessageContaining("keyfleet.pki.device-ca.pkcs11")
			.withMessageContaining("'no-such-ca'")
			.withMessageNotContaining(hsm.pin());
	}

	private static PkiProperties.DeviceCaProperties pkcs11(Pkcs11DeviceCaProperties pkcs11) {
		return new PkiProperties.DeviceCaProperties(null, null, null, null, pkcs11);
	}

}
