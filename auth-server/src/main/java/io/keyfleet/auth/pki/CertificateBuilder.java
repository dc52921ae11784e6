package io.keyfleet.auth.pki;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds X.509 certificates (RFC 5280 profile) for CAs, TLS servers and TLS clients
 * (devices); signed with SHA-256 and the issuer key's algorithm (ECDSA or RSA).
 */
public final class CertificateBuilder {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final X500Name subject;

	private final PublicKey publicKey;

	private X500Name issuer;

	private PrivateKey issuerKey;

	private X509Certificate issuerCertificate;

	private ContentSigner issuerSigner;

	private AuthorityKeyIdentifier authorityKeyIdentifier;

	private Duration validity = Duration.ofDays(365);

	private Integer caPathLength;

	private boolean ca;

	private final List<GeneralName> subjectAltNames = new ArrayList<>();

	private KeyPurposeId extendedKeyUsage;

	private BigInteger serial;

	private String crlUrl;

	private String ocspUrl;

	private CertificateBuilder(String subjectDn, PublicKey publicKey) {
		this.subject = new X500Name(subjectDn);
		this.publicKey = publicKey;
	}

	public static CertificateBuilder forSubject(String subjectDn, PublicKey publicKey) {
		return new CertificateBuilder(subjectDn, publicKey);
	}

	/** A new EC P-256 key pair. */
	public static KeyPair newP256KeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Self-signed: the certificate is signed by its own key. */
	public CertificateBuilder selfSigned(PrivateKey privateKey) {
		this.issuer = this.subject;
		this.issuerKey = privateKey;
		return this;
	}

	public CertificateBuilder issuedBy(X509Certificate issuerCertificate, PrivateKey issuerKey) {
		this.issuerCertificate = issuerCertificate;
		this.issuer = X500Name.getInstance(issuerCertificate.getSubjectX500Principal().getEncoded());
		this.issuerKey = issuerKey;
		return this;
	}

	/**
	 * Issued by a CA whose key is reached through {@code issuerSigner} (the device CA, whose
	 * key may be a PKCS#11 handle that only its own provider can use).
	 */
	public CertificateBuilder issuedBy(X509Certificate issuerCertificate, ContentSigner issuerSigner) {
		this.issuerCertificate = issuerCertificate;
		this.issuer = X500Name.getInstance(issuerCertificate.getSubjectX500Principal().getEncoded());
		this.issuerSigner = issuerSigner;
		return this;
	}

	/** Issued by the device CA: its signer, and its authority key identifier computed once. */
	public CertificateBuilder issuedBy(DeviceCa ca) {
		issuedBy(ca.certificate(), ca.signer());
		this.authorityKeyIdentifier = ca.authorityKeyIdentifier();
		return this;
	}

	public CertificateBuilder validFor(Duration validity) {
		this.validity = validity;
		return this;
	}

	/** A CA certificate; {@code pathLength} null means unlimited. */
	public CertificateBuilder certificateAuthority(Integer pathLength) {
		this.ca = true;
		this.caPathLength = pathLength;
		return this;
	}

	public CertificateBuilder dnsName(String name) {
		this.subjectAltNames.add(new GeneralName(GeneralName.dNSName, name));
		return this;
	}

	public CertificateBuilder ipAddress(InetAddress address) {
		this.subjectAltNames.add(new GeneralName(GeneralName.iPAddress, address.getHostAddress()));
		return this;
	}

	public CertificateBuilder uri(String uri) {
		this.subjectAltNames.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
		return this;
	}

	public CertificateBuilder serverAuth() {
		this.extendedKeyUsage = KeyPurposeId.id_kp_serverAuth;
		return this;
	}

	public CertificateBuilder clientAuth() {
		this.extendedKeyUsage = KeyPurposeId.id_kp_clientAuth;
		return this;
	}

	/** The serial number; a random positive 127-bit one when not set. */
	public CertificateBuilder serialNumber(BigInteger serial) {
		this.serial = serial;
		return this;
	}

	/**
	 * Where relying parties check revocation: the CRL distribution point (RFC 5280
	 * §4.2.1.13) and the OCSP responder in the authority information access extension
	 * (§4.2.2.1).
	 */
	public CertificateBuilder revocationUrls(String crlUrl, String ocspUrl) {
		this.crlUrl = crlUrl;
		this.ocspUrl = ocspUrl;
		return this;
	}

	/** SHA-256 with the key's algorithm: ECDSA, or RSA PKCS#1 v1.5 (RFC 5280 §4.1.1.2). */
	static String signatureAlgorithm(PrivateKey key) {
		return "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
	}

	public X509Certificate build() {
		try {
			return new JcaX509CertificateConverter().getCertificate(buildHolder());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot build certificate for " + this.subject + ": " + ex.getMessage(), ex);
		}
	}

	/** The certificate as BouncyCastle built it, not parsed again into a JCA object. */
	public X509CertificateHolder buildHolder() {
		Instant now = Instant.now();
		BigInteger serial = (this.serial != null) ? this.serial : new BigInteger(127, RANDOM).setBit(126);
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(this.issuer, serial,
				Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(this.validity)), this.subject,
				this.publicKey);
		try {
			JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
			builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(this.publicKey));
			if (this.issuerCertificate != null) {
				builder.addExtension(Extension.authorityKeyIdentifier, false, (this.authorityKeyIdentifier != null)
						? this.authorityKeyIdentifier : utils.createAuthorityKeyIdentifier(this.issuerCertificate));
			}
			if (this.ca) {
				builder.addExtension(Extension.basicConstraints, true, (this.caPathLength != null)
						? new BasicConstraints(this.caPathLength) : new BasicConstraints(true));
				builder.addExtension(Extension.keyUsage, true,
						new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
			}
			else {
				builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
				builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
			}
			if (this.extendedKeyUsage != null) {
				builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(this.extendedKeyUsage));
			}
			if (!this.subjectAltNames.isEmpty()) {
				builder.addExtension(Extension.subjectAlternativeName, false,
						new GeneralNames(this.subjectAltNames.toArray(GeneralName[]::new)));
			}
			if (this.crlUrl != null) {
				GeneralName crl = new GeneralName(GeneralName.uniformResourceIdentifier, this.crlUrl);
				builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
						new DistributionPoint(new DistributionPointName(new GeneralNames(crl)), null, null) }));
			}
			if (this.ocspUrl != null) {
				builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
						AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier, this.ocspUrl)));
			}
			ContentSigner signer = (this.issuerSigner != null) ? this.issuerSigner
					: new JcaContentSignerBuilder(signatureAlgorithm(this.issuerKey)).build(this.issuerKey);
			return builder.build(signer);
		}
		catch (CertIOException | GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException("cannot build certificate for " + this.subject + ": " + ex.getMessage(), ex);
		}
	}

}
