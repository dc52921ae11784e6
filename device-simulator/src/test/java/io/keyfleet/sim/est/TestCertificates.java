package io.keyfleet.sim.est;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import io.keyfleet.sim.EcKeys;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates and certs-only messages as an EST server makes them, for the unit tests. */
final class TestCertificates {

	private TestCertificates() {
	}

	/** A certificate for {@code subjectKeys}, {@code CN=<cn>}, signed by a throwaway CA key. */
	static X509Certificate issue(KeyPair subjectKeys, String cn) throws Exception {
		KeyPair ca = EcKeys.generate();
		Instant now = Instant.now();
		return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
				new X500Name("CN=Test Device CA"), BigInteger.valueOf(now.toEpochMilli()),
				Date.from(now.minus(Duration.ofMinutes(1))), Date.from(now.plus(Duration.ofDays(1))),
				new X500Name("CN=" + cn), subjectKeys.getPublic())
			.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate())));
	}

	/** RFC 7030 4.2.3: a certs-only SignedData, no signers, base64 in 76-character lines. */
	static String certsOnly(List<X509Certificate> certificates) throws Exception {
		CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
		generator.addCertificates(new JcaCertStore(certificates));
		byte[] der = generator.generate(new CMSProcessableByteArray(new byte[0]), false).getEncoded();
		return Base64.getMimeEncoder().encodeToString(der) + "\r\n";
	}

}
