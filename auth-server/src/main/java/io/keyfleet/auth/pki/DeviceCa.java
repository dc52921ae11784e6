package io.keyfleet.auth.pki;

import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.keyfleet.auth.keys.EcdsaProvider;

/**
 * The device CA: the certificate and private key that sign device certificates, the CRL
 * (RFC 5280 §5) and OCSP responses (RFC 6960, the CA as its own responder, §2.2), and the
 * CAs above it that EST {@code cacerts} serves. Loaded by {@link DeviceCaSources}.
 *
 * <p>
 * The key may be a PKCS#11 handle: then {@code provider} is the SunPKCS11 instance of its
 * token, the only one that can use it, and every signature is made in the token.
 */
public final class DeviceCa {

	private final X509Certificate certificate;

	private final List<X509Certificate> chain;

	private final X509CertificateHolder holder;

	private final PrivateKey privateKey;

	private final Provider provider;

	private final AuthorityKeyIdentifier authorityKeyIdentifier;

	DeviceCa(X509Certificate certificate, PrivateKey privateKey) {
		this(certificate, List.of(), privateKey, null);
	}

	/**
	 * @param chain the CAs above this one, up to the root (may be empty)
	 * @param provider the provider that signs with {@code privateKey}; null for a key in
	 * memory, which any installed provider can use
	 */
	DeviceCa(X509Certificate certificate, List<X509Certificate> chain, PrivateKey privateKey, Provider provider) {
		this.certificate = certificate;
		this.chain = List.copyOf(chain);
		// a key in memory signs on the fast ECDSA provider (AWS-LC or BouncyCastle): the
		// default JDK 17 provider spends ~1 ms per signature, a fifth of an enrollment
		boolean ecInMemory = provider == null && privateKey instanceof ECPrivateKey;
		this.privateKey = ecInMemory ? EcdsaProvider.convert(privateKey) : privateKey;
		this.provider = ecInMemory ? EcdsaProvider.provider() : provider;
		try {
			this.holder = new JcaX509CertificateHolder(certificate);
			// parsed from the certificate once, not for every certificate issued
			this.authorityKeyIdentifier = new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate);
		}
		catch (CertificateEncodingException | NoSuchAlgorithmException ex) {
			throw new IllegalStateException("device CA certificate cannot be encoded", ex);
		}
	}

	public X509Certificate certificate() {
		return this.certificate;
	}

	/** The CAs above the device CA, up to the root; empty when none is configured. */
	public List<X509Certificate> chain() {
		return this.chain;
	}

	public X509CertificateHolder holder() {
		return this.holder;
	}

	/** The authority key identifier of what this CA issues (RFC 5280 §4.2.1.1). */
	public AuthorityKeyIdentifier authorityKeyIdentifier() {
		return this.authorityKeyIdentifier;
	}

	public X500Name name() {
		return this.holder.getSubject();
	}

	/** A signer with SHA-256 and the CA key's algorithm (ECDSA or RSA PKCS#1 v1.5). */
	public ContentSigner signer() {
		try {
			JcaContentSignerBuilder builder = new JcaContentSignerBuilder(
					CertificateBuilder.signatureAlgorithm(this.privateKey));
			if (this.provider != null) {
				builder.setProvider(this.provider);
			}
			return builder.build(this.privateKey);
		}
		catch (OperatorCreationException ex) {
			throw new IllegalStateException("cannot sign with the device CA key", ex);
		}
	}

}
