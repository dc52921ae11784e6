package io.keyfleet.auth.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/**
 * A certificate just issued, as the builder made it: its DER and the few fields the
 * issuing path needs, read without parsing it again. Parsing a new certificate into a
 * JCA {@link X509Certificate} cost a fifth of an EST enrollment's CPU, and an enrollment
 * only sends the DER back (RFC 7030 §4.2.3), so {@link #certificate()} converts on demand.
 */
public final class IssuedCertificate {

	private final X509CertificateHolder holder;

	private final byte[] der;

	IssuedCertificate(X509CertificateHolder holder) {
		this.holder = holder;
		try {
			this.der = holder.getEncoded();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot encode a certificate just built", ex);
		}
	}

	/** The DER encoding (RFC 5280 §4.1); a copy. */
	public byte[] der() {
		return this.der.clone();
	}

	public BigInteger serialNumber() {
		return this.holder.getSerialNumber();
	}

	/** The subject in RFC 2253 form, as {@link X500Principal#getName()} gives it. */
	public String subject() {
		try {
			return new X500Principal(this.holder.getSubject().getEncoded()).getName();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Instant notAfter() {
		return this.holder.getNotAfter().toInstant();
	}

	/** {@code x5t#S256}: base64url SHA-256 of the DER (RFC 8705 §3.1). */
	public String thumbprint() {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(this.der));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The certificate as a JCA object (parsed now). */
	public X509Certificate certificate() {
		try {
			return new JcaX509CertificateConverter().getCertificate(this.holder);
		}
		catch (CertificateException ex) {
			throw new IllegalStateException("cannot read a certificate just built", ex);
		}
	}

}
