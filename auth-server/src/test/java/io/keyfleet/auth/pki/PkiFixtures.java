package io.keyfleet.auth.pki;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Key pairs, CSRs and a throw-away device CA for the PKI unit tests. */
final class PkiFixtures {

	private PkiFixtures() {
	}

	static DeviceCa newDeviceCa() {
		KeyPair pair = CertificateBuilder.newP256KeyPair();
		return new DeviceCa(CertificateBuilder.forSubject("CN=Test Device CA", pair.getPublic())
			.certificateAuthority(0)
			.selfSigned(pair.getPrivate())
			.build(), pair.getPrivate());
	}

	static KeyPair rsa(int bits) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(bits);
		return generator.generateKeyPair();
	}

	static KeyPair ec(String curve) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec(curve));
		return generator.generateKeyPair();
	}

	static byte[] csr(KeyPair pair, String subject) throws Exception {
		String algorithm = "RSA".equals(pair.getPrivate().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
		return new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), pair.getPublic())
			.build(new JcaContentSignerBuilder(algorithm).build(pair.getPrivate()))
			.getEncoded();
	}

}
