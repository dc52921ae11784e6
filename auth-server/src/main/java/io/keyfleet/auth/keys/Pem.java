package io.keyfleet.auth.keys;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** Reading and writing PEM (RFC 7468) keys and certificates. */
public final class Pem {

	private Pem() {
	}

	/** A private key as PKCS#8 ({@code PRIVATE KEY}, RFC 5208), as openssl genpkey writes it. */
	public static String writePkcs8(PrivateKey key) {
		try {
			return write(new JcaPKCS8Generator(key, null).generate());
		}
		catch (org.bouncycastle.util.io.pem.PemGenerationException ex) {
			throw new IllegalArgumentException("cannot encode private key", ex);
		}
	}

	public static String write(Object object) {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			writer.writeObject(object);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	/** Reads a private key (PKCS#8 {@code PRIVATE KEY} or SEC 1 {@code EC PRIVATE KEY}). */
	public static KeyPair readKeyPair(String pem) {
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			Object object = parser.readObject();
			JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
			if (object instanceof PEMKeyPair pair) {
				if (pair.getPublicKeyInfo() != null) {
					return converter.getKeyPair(pair);
				}
				object = pair.getPrivateKeyInfo();
			}
			if (object instanceof PrivateKeyInfo info) {
				PrivateKey privateKey = converter.getPrivateKey(info);
				return new KeyPair(PublicKeys.derive(privateKey), privateKey);
			}
			throw new IllegalArgumentException("not a PEM private key");
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("unreadable PEM private key", ex);
		}
	}

	public static PublicKey readPublicKey(String pem) {
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			Object object = parser.readObject();
			if (object instanceof SubjectPublicKeyInfo info) {
				return new JcaPEMKeyConverter().getPublicKey(info);
			}
			throw new IllegalArgumentException("not a PEM public key");
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("unreadable PEM public key", ex);
		}
	}

	public static List<X509Certificate> readCertificates(String pem) {
		List<X509Certificate> certificates = new ArrayList<>();
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
			Object object;
			while ((object = parser.readObject()) != null) {
				if (object instanceof X509CertificateHolder holder) {
					certificates.add(converter.getCertificate(holder));
				}
			}
			return certificates;
		}
		catch (IOException | java.security.cert.CertificateException ex) {
			throw new IllegalArgumentException("unreadable PEM certificate", ex);
		}
	}

}
