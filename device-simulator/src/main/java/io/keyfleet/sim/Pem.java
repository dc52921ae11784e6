package io.keyfleet.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.Curve;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Reads and writes the PEM files of the simulator: device private keys (PKCS#8
 * {@code PRIVATE KEY}; SEC 1 {@code EC PRIVATE KEY} as written by {@code openssl ecparam
 * -genkey} is read too) and CA certificates.
 */
public final class Pem {

	private Pem() {
	}

	/**
	 * Reads an unencrypted EC P-256 private key.
	 * @param file the PEM file
	 * @return the key
	 * @throws SimException when the file is missing, not PEM, encrypted, or not a P-256 key
	 */
	public static ECPrivateKey readEcPrivateKey(Path file) {
		PrivateKey key = readPrivateKey(file);
		if (!(key instanceof ECPrivateKey ecKey)) {
			throw new SimException("key file " + file + " holds a " + key.getAlgorithm() + " key, not an EC P-256 key");
		}
		if (!Curve.P_256.equals(Curve.forECParameterSpec(ecKey.getParams()))) {
			throw new SimException("key file " + file + " holds an EC key on another curve than P-256");
		}
		return ecKey;
	}

	/**
	 * Reads an unencrypted EC P-256 private key from PEM text.
	 * @param pem the PEM text
	 * @param source what the text is, for error messages (e.g. "device dev-1 of the fleet")
	 * @return the key
	 * @throws SimException when the text is not PEM, encrypted, or not a P-256 key
	 */
	public static ECPrivateKey parseEcPrivateKey(String pem, String source) {
		PrivateKey key;
		try (PEMParser parser = new PEMParser(new java.io.StringReader(pem))) {
			key = toPrivateKey(parser.readObject(), source, new JcaPEMKeyConverter());
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new SimException("cannot read " + source + " as PEM: " + ex.getMessage(), ex);
		}
		if (!(key instanceof ECPrivateKey ecKey)
				|| !Curve.P_256.equals(Curve.forECParameterSpec(ecKey.getParams()))) {
			throw new SimException(source + " holds a private key that is not an EC P-256 key");
		}
		return ecKey;
	}

	private static PrivateKey readPrivateKey(Path file) {
		Object pem;
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
				PEMParser parser = new PEMParser(reader)) {
			pem = parser.readObject();
		}
		catch (NoSuchFileException ex) {
			throw new SimException("key file " + file + " not found", ex);
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new SimException("cannot read key file " + file + " as PEM: " + ex.getMessage(), ex);
		}
		return toPrivateKey(pem, "key file " + file, new JcaPEMKeyConverter());
	}

	private static PrivateKey toPrivateKey(Object pem, String source, JcaPEMKeyConverter converter) {
		try {
			if (pem instanceof PrivateKeyInfo info) {
				return converter.getPrivateKey(info);
			}
			if (pem instanceof PEMKeyPair pair) {
				return converter.getPrivateKey(pair.getPrivateKeyInfo());
			}
		}
		catch (IOException ex) {
			throw new SimException(source + " holds an unusable private key: " + ex.getMessage(), ex);
		}
		if (pem instanceof PKCS8EncryptedPrivateKeyInfo || pem instanceof PEMEncryptedKeyPair) {
			throw new SimException(source + " is encrypted; give an unencrypted PKCS#8 key");
		}
		throw new SimException(source + " holds no PEM private key"
				+ ((pem != null) ? " (found " + pem.getClass().getSimpleName() + ")" : ""));
	}

	/**
	 * Encodes a private key as PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}).
	 * @param key the key
	 * @return the PEM text
	 */
	public static String encodePrivateKey(PrivateKey key) {
		StringWriter out = new StringWriter();
		try (PemWriter writer = new PemWriter(out)) {
			writer.writeObject(new PemObject("PRIVATE KEY", key.getEncoded()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	/**
	 * Encodes a public key as X.509 SubjectPublicKeyInfo PEM ({@code -----BEGIN PUBLIC KEY-----}).
	 * @param key the key
	 * @return the PEM text
	 */
	public static String encodePublicKey(PublicKey key) {
		StringWriter out = new StringWriter();
		try (PemWriter writer = new PemWriter(out)) {
			writer.writeObject(new PemObject("PUBLIC KEY", key.getEncoded()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	/**
	 * Encodes a certificate as PEM ({@code -----BEGIN CERTIFICATE-----}).
	 * @param certificate the certificate
	 * @return the PEM text
	 */
	public static String encodeCertificate(X509Certificate certificate) {
		StringWriter out = new StringWriter();
		try (PemWriter writer = new PemWriter(out)) {
			writer.writeObject(new PemObject("CERTIFICATE", certificate.getEncoded()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalArgumentException("cannot encode the certificate: " + ex.getMessage(), ex);
		}
		return out.toString();
	}

	/**
	 * Reads every X.509 certificate of a PEM file.
	 * @param file the PEM file
	 * @return the certificates, in file order, possibly none
	 * @throws IOException when the file cannot be read or parsed
	 */
	public static List<X509Certificate> readCertificates(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			List<X509Certificate> certificates = new ArrayList<>();
			for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
				certificates.add((X509Certificate) certificate);
			}
			return certificates;
		}
		catch (CertificateException ex) {
			throw new IOException("not a PEM certificate file: " + ex.getMessage(), ex);
		}
	}

}
