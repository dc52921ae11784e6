package io.keyfleet.auth.pki;

import java.math.BigInteger;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The CRL's RFC 5280 §5 profile, read back with the JDK's own parser. */
class CrlBuilderTests {

	private final DeviceCa ca = PkiFixtures.newDeviceCa();

	@Test
	void buildThenSignedV2CrlWithEntriesReasonsNumberAndAuthorityKeyId() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant later = now.plus(Duration.ofDays(1));
		CertificateRecord compromised = revoked(BigInteger.valueOf(0xabc), RevocationReason.keyCompromise, now);
		CertificateRecord unspecified = revoked(BigInteger.valueOf(0xdef), RevocationReason.unspecified, now);

		X509CRL crl = parse(new CrlBuilder(this.ca).build(List.of(compromised, unspecified), 42, now, later));

		crl.verify(this.ca.certificate().getPublicKey());
		assertThat(crl.getVersion()).isEqualTo(2);
		assertThat(crl.getIssuerX500Principal()).isEqualTo(this.ca.certificate().getSubjectX500Principal());
		assertThat(crl.getThisUpdate().toInstant()).isEqualTo(now);
		assertThat(crl.getNextUpdate().toInstant()).isEqualTo(later);
		assertThat(ASN1Integer.getInstance(ASN1OctetString
			.getInstance(crl.getExtensionValue(Extension.cRLNumber.getId()))
			.getOctets()).getValue()).isEqualTo(42);
		assertThat(crl.getExtensionValue(Extension.authorityKeyIdentifier.getId())).isNotNull();
		X509CRLEntry entry = crl.getRevokedCertificate(BigInteger.valueOf(0xabc));
		assertThat(entry.getRevocationDate().toInstant()).isEqualTo(now);
		assertThat(entry.getRevocationReason()).isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
		// §5.3.1: no reasonCode extension rather than unspecified
		assertThat(crl.getRevokedCertificate(BigInteger.valueOf(0xdef)).getRevocationReason()).isNull();
	}

	@Test
	void buildWhenNothingRevokedThenEmptyCrl() throws Exception {
		Instant now = Instant.now();

		X509CRL crl = parse(new CrlBuilder(this.ca).build(List.of(), 1, now, now.plusSeconds(60)));

		assertThat(crl.getRevokedCertificates()).isNull();
	}

	private static CertificateRecord revoked(BigInteger serial, RevocationReason reason, Instant at) {
		return new CertificateRecord(serial, "dev-1", "x5t", at.plus(Duration.ofDays(7)), true, reason, at);
	}

	private static X509CRL parse(byte[] der) throws Exception {
		return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new java.io.ByteArrayInputStream(der));
	}

}
