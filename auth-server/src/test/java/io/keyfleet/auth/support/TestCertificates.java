package io.keyfleet.auth.support;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.keyfleet.auth.keys.Pem;
import io.keyfleet.auth.pki.CertificateBuilder;

/**
 * Real client certificates for mutual-TLS tests, made with BouncyCastle: self-signed,
 * issued by the dev device CA of a test server, expired, or from a CA nobody trusts; and
 * a TLS context presenting one of them.
 */
public final class TestCertificates {

	private static final SecureRandom RANDOM = new SecureRandom();

	private TestCertificates() {
	}

	public static KeyPair newKeyPair() {
		return CertificateBuilder.newP256KeyPair();
	}

	public static X509Certificate selfSigned(KeyPair pair, String subject) {
		return build(subject, pair, new X500Name(subject), pair.getPrivate(), Instant.now().minusSeconds(60),
				Duration.ofDays(30), null);
	}

	/** A certificate for {@code subject} from the server's dev device CA. */
	public static X509Certificate fromDeviceCa(TestServer server, KeyPair pair, String subject, String sanUri) {
		return fromCa(server.dataDir().resolve("ca/device-ca.pem"), server.dataDir().resolve("ca/device-ca-key.pem"),
				pair, subject, sanUri, Instant.now().minusSeconds(60), Duration.ofDays(7));
	}

	public static X509Certificate fromCa(Path caCertificate, Path caKey, KeyPair pair, String subject, String sanUri,
			Instant notBefore, Duration validity) {
		try {
			X509Certificate ca = Pem.readCertificates(Files.readString(caCertificate, StandardCharsets.US_ASCII)).get(0);
			PrivateKey key = Pem.readKeyPair(Files.readString(caKey, StandardCharsets.US_ASCII)).getPrivate();
			return build(subject, pair, X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), key, notBefore,
					validity, sanUri);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A throwaway CA: its certificate and key pair. */
	public static Ca newCa(String subject) {
		KeyPair pair = newKeyPair();
		X509Certificate certificate = CertificateBuilder.forSubject(subject, pair.getPublic())
			.selfSigned(pair.getPrivate())
			.certificateAuthority(0)
			.build();
		return new Ca(certificate, pair);
	}

	public static X509Certificate fromCa(Ca ca, KeyPair pair, String subject) {
		return build(subject, pair, X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
				ca.pair().getPrivate(), Instant.now().minusSeconds(60), Duration.ofDays(7), null);
	}

	/** A certificate from {@code ca} with a chosen validity and an optional SAN URI. */
	public static X509Certificate fromCa(Ca ca, KeyPair pair, String subject, String sanUri, Instant notBefore,
			Duration validity) {
		return build(subject, pair, X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
				ca.pair().getPrivate(), notBefore, validity, sanUri);
	}

	/** A CRL (RFC 5280 §5) of {@code ca}, current for an hour, listing {@code revoked}. */
	public static X509CRL crl(Ca ca, X509Certificate... revoked) {
		try {
			Instant now = Instant.now();
			X509v2CRLBuilder builder = new X509v2CRLBuilder(
					X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
					Date.from(now.minusSeconds(60)));
			builder.setNextUpdate(Date.from(now.plus(Duration.ofHours(1))));
			for (X509Certificate certificate : revoked) {
				builder.addCRLEntry(certificate.getSerialNumber(), Date.from(now.minusSeconds(30)),
						CRLReason.keyCompromise);
			}
			return new JcaX509CRLConverter()
				.getCRL(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.pair().getPrivate())));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** TLS trusting the server's dev root, presenting {@code chain} with {@code key}. */
	public static SSLContext presenting(TestServer server, PrivateKey key, X509Certificate... chain) {
		try {
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(null, null);
			keys.setKeyEntry("client", key, "x".toCharArray(), chain);
			KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			kmf.init(keys, "x".toCharArray());
			KeyStore trust = KeyStore.getInstance("PKCS12");
			trust.load(null, null);
			trust.setCertificateEntry("root", Pem.readCertificates(
					Files.readString(server.dataDir().resolve("ca/root.pem"), StandardCharsets.US_ASCII)).get(0));
			TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			tmf.init(trust);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
			return context;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static X509Certificate build(String subject, KeyPair pair, X500Name issuer, PrivateKey issuerKey,
			Instant notBefore, Duration validity, String sanUri) {
		try {
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
					new BigInteger(64, RANDOM), Date.from(notBefore), Date.from(notBefore.plus(validity)),
					new X500Name(subject), pair.getPublic());
			if (sanUri != null) {
				builder.addExtension(Extension.subjectAlternativeName, false,
						new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, sanUri)));
			}
			return new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A CA's certificate and key pair. */
	public record Ca(X509Certificate certificate, KeyPair pair) {
	}

}
