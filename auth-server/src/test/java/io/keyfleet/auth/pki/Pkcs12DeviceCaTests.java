package io.keyfleet.auth.pki;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.keyfleet.auth.keys.SoftHsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The device CA from a PKCS#12 file (RFC 7292) as {@code openssl pkcs12 -export} and the
 * JDK's key store write them: key, certificate and chain from the file, the alias only
 * needed among several key entries, the password in no message.
 */
class Pkcs12DeviceCaTests {

	private static final String PASSWORD = "p12-Secret-7d1e";

	@TempDir
	Path dir;

	@Test
	void loadWhenOpensslExportedCaWithRootThenSignsAndServesTheRootAsChain() throws Exception {
		Path p12 = opensslExport();

		DeviceCa ca = DeviceCaSources.load(pkcs12(new Pkcs12DeviceCaProperties(p12, PASSWORD, null), null));

		assertThat(ca.name().toString()).isEqualTo("CN=Fleet Device CA");
		assertThat(ca.chain()).singleElement()
			.satisfies(root -> assertThat(root.getSubjectX500Principal().getName()).isEqualTo("CN=Fleet Root"));
		X509Certificate device = CertificateBuilder.forSubject("CN=device-1", CertificateBuilder.newP256KeyPair().getPublic())
			.issuedBy(ca.certificate(), ca.signer())
			.clientAuth()
			.build();
		device.verify(ca.certificate().getPublicKey());
	}

	@Test
	void loadWhenWrongPasswordThenRefusedWithoutShowingEitherPassword() throws Exception {
		Path p12 = opensslExport();
		String wrong = "Wrong-" + PASSWORD;
		Pkcs12DeviceCaProperties properties = new Pkcs12DeviceCaProperties(p12, wrong, null);

		assertThatIllegalStateException().isThrownBy(() -> DeviceCaSources.load(pkcs12(properties, null)))
			.withMessageContaining("keyfleet.pki.device-ca.pkcs12")
			.withMessageContaining(p12.toString())
			.withMessageNotContaining(wrong)
			.withMessageNotContaining(PASSWORD)
			.satisfies(ex -> assertThat(properties.toString()).doesNotContain(wrong));
	}

	@Test
	void loadWhenSeveralKeyEntriesThenAliasRequiredAndSelects() throws Exception {
		KeyPair first = CertificateBuilder.newP256KeyPair();
		X509Certificate one = CertificateBuilder.forSubject("CN=Device CA", first.getPublic())
			.certificateAuthority(0)
			.selfSigned(first.getPrivate())
			.build();
		KeyPair pair = CertificateBuilder.newP256KeyPair();
		X509Certificate other = CertificateBuilder.forSubject("CN=Other CA", pair.getPublic())
			.certificateAuthority(0)
			.selfSigned(pair.getPrivate())
			.build();
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry("device-ca", first.getPrivate(), PASSWORD.toCharArray(), new Certificate[] { one });
		store.setKeyEntry("other", pair.getPrivate(), PASSWORD.toCharArray(), new Certificate[] { other });
		Path p12 = this.dir.resolve("two.p12");
		try (OutputStream out = Files.newOutputStream(p12)) {
			store.store(out, PASSWORD.toCharArray());
		}

		assertThatIllegalStateException()
			.isThrownBy(() -> DeviceCaSources.load(pkcs12(new Pkcs12DeviceCaProperties(p12, PASSWORD, null), null)))
			.withMessageContaining("keyfleet.pki.device-ca.pkcs12.alias")
			.withMessageContaining("2 key entries");
		assertThat(DeviceCaSources.load(pkcs12(new Pkcs12DeviceCaProperties(p12, PASSWORD, "other"), null)).certificate())
			.isEqualTo(other);
		assertThatIllegalStateException()
			.isThrownBy(() -> DeviceCaSources.load(pkcs12(new Pkcs12DeviceCaProperties(p12, PASSWORD, "nope"), null)))
			.withMessageContaining("no key entry 'nope'");
	}

	@Test
	void loadWhenFileHasAChainAndChainPropertyIsSetThenRefused() throws Exception {
		Path p12 = opensslExport();

		assertThatIllegalStateException()
			.isThrownBy(() -> DeviceCaSources.load(
					pkcs12(new Pkcs12DeviceCaProperties(p12, PASSWORD, null), this.dir.resolve("root.pem"))))
			.withMessageContaining("keyfleet.pki.device-ca.chain");
	}

	@Test
	void loadWhenNoSuchFileThenNamesThePathProperty() {
		Path missing = this.dir.resolve("missing.p12");

		assertThatIllegalStateException()
			.isThrownBy(() -> DeviceCaSources.load(pkcs12(new Pkcs12DeviceCaProperties(missing, PASSWORD, null), null)))
			.withMessageContaining("keyfleet.pki.device-ca.pkcs12.path");
	}

	/** A root and a device CA under it, exported with openssl as key + certificate + chain. */
	private Path opensslExport() throws Exception {
		SoftHsm.run(this.dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
				"-nodes", "-keyout", "root-key.pem", "-out", "root.pem", "-subj", "/CN=Fleet Root", "-days", "30",
				"-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
		SoftHsm.run(this.dir, "openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
				"-nodes", "-keyout", "ca-key.pem", "-out", "ca.csr", "-subj", "/CN=Fleet Device CA");
		Files.writeString(this.dir.resolve("ca.cnf"),
				"[ca]\nbasicConstraints = critical,CA:TRUE,pathlen:0\nkeyUsage = critical,keyCertSign,cRLSign\n");
		SoftHsm.run(this.dir, "openssl", "x509", "-req", "-in", "ca.csr", "-CA", "root.pem", "-CAkey", "root-key.pem",
				"-days", "30", "-extfile", "ca.cnf", "-extensions", "ca", "-out", "ca.pem");
		SoftHsm.run(this.dir, "openssl", "pkcs12", "-export", "-inkey", "ca-key.pem", "-in", "ca.pem", "-certfile",
				"root.pem", "-name", "device-ca", "-passout", "pass:" + PASSWORD, "-out", "ca.p12");
		return this.dir.resolve("ca.p12");
	}

	private static PkiProperties.DeviceCaProperties pkcs12(Pkcs12DeviceCaProperties pkcs12, Path chain) {
		return new PkiProperties.DeviceCaProperties(null, null, chain, pkcs12, null);
	}

}
