package io.keyfleet.auth.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;

import org.bouncycastle.jcajce.provider.asymmetric.ec.BCECPrivateKey;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.math.ec.ECPoint;

/** Deriving a public key from its private key, for PEM files that hold only the latter. */
final class PublicKeys {

	private PublicKeys() {
	}

	static PublicKey derive(PrivateKey privateKey) {
		try {
			if (privateKey instanceof RSAPrivateCrtKey rsa) {
				return KeyFactory.getInstance("RSA")
					.generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
			}
			if ("EC".equals(privateKey.getAlgorithm())) {
				BCECPrivateKey bc = (BCECPrivateKey) BouncyCastle.toBouncyCastle(privateKey);
				ECPoint q = bc.getParameters().getG().multiply(bc.getD()).normalize();
				PublicKey bcPublic = KeyFactory.getInstance("EC", BouncyCastle.provider())
					.generatePublic(new ECPublicKeySpec(q, bc.getParameters()));
				return KeyFactory.getInstance("EC")
					.generatePublic(new java.security.spec.X509EncodedKeySpec(bcPublic.getEncoded()));
			}
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("cannot derive the public key: " + ex.getMessage(), ex);
		}
		throw new IllegalArgumentException("cannot derive a public key for " + privateKey.getAlgorithm()
				+ " from a PKCS#8 file; use a key pair PEM");
	}

}
