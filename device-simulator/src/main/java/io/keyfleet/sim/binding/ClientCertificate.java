package io.keyfleet.sim.binding;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.oauth2.sdk.auth.X509CertificateConfirmation;
import io.keyfleet.sim.BouncyCastle;
import io.keyfleet.sim.SimException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A device's TLS client certificate and its private key. The simulator makes it
 * self-signed (RFC 8705 Section 2.2), subject {@code CN=<device id>}: the auth-server puts
 * {@code cnf.x5t#S256} on every token requested over a connection with a client
 * certificate, whatever the client authentication method (docs/contract-as-built.md), and
 * a certificate whose key is in the device's registered JWKS also serves
 * {@code self_signed_tls_client_auth}.
 *
 * @param certificate the certificate
 * @param privateKey its private key
 */
public record ClientCertificate(X509Certificate certificate, PrivateKey privateKey) {

	/** Long enough for any simulation; a device that re-enrols gets a new one anyway. */
	static final Duration VALIDITY = Duration.ofDays(365);

	/**
	 * @param deviceId the subject's CN
	 * @param keyPair the device's key pair
	 * @param now the start of the validity (backdated 5 minutes for clock skew)
	 * @return a self-signed certificate for {@code keyPair}, SHA256withECDSA, clientAuth
	 */
	public static ClientCertificate selfSigned(String deviceId, KeyPair keyPair, Instant now) {
		X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, deviceId).build();
		BigInteger serial = new BigInteger(128, new SecureRandom()); // RFC 5280 4.1.2.2: positive, at most 20 octets
		try {
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
					Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject,
					keyPair.getPublic())
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
				.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
			X509Certificate certificate = new JcaX509CertificateConverter().setProvider(BouncyCastle.PROVIDER)
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
					.setProvider(BouncyCastle.PROVIDER)
					.build(keyPair.getPrivate())));
			return new ClientCertificate(certificate, keyPair.getPrivate());
		}
		catch (OperatorCreationException | GeneralSecurityException | java.io.IOException ex) {
			throw new SimException("cannot make a client certificate for " + deviceId + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * @return the certificate's SHA-256 thumbprint, as in {@code cnf.x5t#S256} (RFC 8705 Section 3.1)
	 */
	public Base64URL thumbprint() {
		return X509CertificateConfirmation.of(this.certificate).getValue();
	}

	/**
	 * @return key managers that present this certificate in every TLS handshake
	 */
	public KeyManager[] keyManagers() {
		try {
			char[] password = new char[0]; // in memory only
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setKeyEntry("client", this.privateKey, password, new X509Certificate[] { this.certificate });
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(store, password);
			return factory.getKeyManagers();
		}
		catch (GeneralSecurityException | java.io.IOException ex) {
			throw new SimException("cannot use the client certificate: " + ex.getMessage(), ex);
		}
	}

	/** Never prints the private key. */
	@Override
	public String toString() {
		return "ClientCertificate[" + this.certificate.getSubjectX500Principal().getName() + "]";
	}

}
