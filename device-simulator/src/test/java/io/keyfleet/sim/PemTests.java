package io.keyfleet.sim;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;

import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reading and writing device keys as PEM.
 */
class PemTests {

	@TempDir
	Path directory;

	@Test
	void readEcPrivateKeyWhenWrittenAsPkcs8ThenSameKey() throws Exception {
		KeyPair keys = EcKeys.generate();
		Path file = write("pkcs8.pem", Pem.encodePrivateKey(keys.getPrivate()));

		assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
		assertThat(Pem.readEcPrivateKey(file).getS()).isEqualTo(((ECPrivateKey) keys.getPrivate()).getS());
	}

	@Test
	void readEcPrivateKeyWhenSec1AsOpensslWritesThenReads() throws Exception {
		KeyPair keys = EcKeys.generate();
		ECPrivateKey privateKey = (ECPrivateKey) keys.getPrivate();
		// what `openssl ecparam -name prime256v1 -genkey` writes: SEC 1 with curve and public key
		org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256,
				privateKey.getS(), SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData(),
				new X962Parameters(SECObjectIdentifiers.secp256r1));
		StringWriter pem = new StringWriter();
		try (PemWriter writer = new PemWriter(pem)) {
			writer.writeObject(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
		}

		assertThat(Pem.readEcPrivateKey(write("sec1.pem", pem.toString())).getS()).isEqualTo(privateKey.getS());
	}

	@Test
	void readEcPrivateKeyWhenP384ThenSimException() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp384r1"));
		Path file = write("p384.pem", Pem.encodePrivateKey(generator.generateKeyPair().getPrivate()));

		assertThatExceptionOfType(SimException.class).isThrownBy(() -> Pem.readEcPrivateKey(file))
			.withMessageContaining("another curve than P-256");
	}

	@Test
	void readEcPrivateKeyWhenRsaThenSimException() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		Path file = write("rsa.pem", Pem.encodePrivateKey(generator.generateKeyPair().getPrivate()));

		assertThatExceptionOfType(SimException.class).isThrownBy(() -> Pem.readEcPrivateKey(file))
			.withMessageContaining("RSA key, not an EC P-256 key");
	}

	@Test
	void readEcPrivateKeyWhenNoPemThenSimException() throws Exception {
		Path file = write("garbage.pem", "not a key\n");

		assertThatExceptionOfType(SimException.class).isThrownBy(() -> Pem.readEcPrivateKey(file))
			.withMessageContaining("holds no PEM private key");
	}

	@Test
	void readEcPrivateKeyWhenMissingThenSimException() {
		assertThatExceptionOfType(SimException.class)
			.isThrownBy(() -> Pem.readEcPrivateKey(this.directory.resolve("absent.pem")))
			.withMessageContaining("absent.pem not found");
	}

	private Path write(String name, String content) throws Exception {
		return Files.writeString(this.directory.resolve(name), content, StandardCharsets.US_ASCII);
	}

}
