package io.keyfleet.auth.est;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.junit.jupiter.api.Test;

import io.keyfleet.auth.support.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written certs-only message reads back through BouncyCastle's CMS parser with
 * the same certificates in the same order, and is byte for byte what BouncyCastle's own
 * generator makes.
 */
class CertsOnlyTests {

	@Test
	void derWhenOneCertificateThenParsesAsSignedDataWithoutSignersAndEqualsBouncyCastles() throws Exception {
		List<X509Certificate> one = List.of(certificate("CN=dev-1"));

		byte[] der = CertsOnly.der(encoded(one));

		assertThat(certificatesIn(der)).isEqualTo(encodings(one));
		assertThat(new CMSSignedData(der).getSignerInfos().size()).isZero();
		assertThat(new CMSSignedData(der).getSignedContent()).isNull();
		assertThat(der).isEqualTo(bouncyCastle(one));
	}

	@Test
	void derWhenChainLongerThan127And65535BytesThenLengthsEncodeAndOrderIsKept() throws Exception {
		List<X509Certificate> many = new ArrayList<>();
		for (int i = 0; i < 250; i++) {
			many.add(certificate("CN=cert-" + i));
		}

		byte[] der = CertsOnly.der(encoded(many));

		assertThat(der.length).isGreaterThan(65_535);
		assertThat(certificatesIn(der)).isEqualTo(encodings(many));
		assertThat(CertsOnly.encode(many)).endsWith("\r\n");
		assertThat(Base64.getMimeDecoder().decode(CertsOnly.encode(many).trim())).isEqualTo(der);
	}

	private static X509Certificate certificate(String subject) {
		return TestCertificates.selfSigned(TestCertificates.newKeyPair(), subject);
	}

	private static List<byte[]> encoded(List<X509Certificate> certificates) throws Exception {
		List<byte[]> out = new ArrayList<>();
		for (X509Certificate certificate : certificates) {
			out.add(certificate.getEncoded());
		}
		return out;
	}

	private static List<String> certificatesIn(byte[] der) throws Exception {
		List<String> out = new ArrayList<>();
		for (X509CertificateHolder holder : new CMSSignedData(der).getCertificates().getMatches(null)) {
			out.add(HexFormat.of().formatHex(holder.getEncoded()));
		}
		return out;
	}

	private static List<String> encodings(List<X509Certificate> certificates) throws Exception {
		List<String> out = new ArrayList<>();
		for (X509Certificate certificate : certificates) {
			out.add(HexFormat.of().formatHex(certificate.getEncoded()));
		}
		return out;
	}

	private static byte[] bouncyCastle(List<X509Certificate> certificates) throws Exception {
		CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
		generator.addCertificates(new JcaCertStore(certificates));
		return generator.generate(new CMSProcessableByteArray(new byte[0]), false).getEncoded("DER");
	}

}
