package io.keyfleet.auth.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Loading the device CA from the files an operator makes with openssl (docs/configuration.md),
 * the checks every source of it passes (RFC 5280 §4.2.1.3, §4.2.1.9) and the refusal of two
 * sources at once.
 */
class DeviceCaTests {

	@TempDir
	Path dir;

	@Test
	void loadWhenOpensslMadeTheCaThenSignsWithIt() throws Exception {
		DeviceCa ca = DeviceCaSources.load(opensslCa("/CN=Fleet Device CA", "basicConstraints=critical,CA:TRUE,pathlen:0"));

		assertThat(ca.name().toString()).isEqualTo("CN=Fleet Device CA");
		assertThat(ca.signer().getAlgorithmIdentifier().getAlgorithm().getId()).isEqualTo("1.2.840.10045.4.3.2");
	}

	@Test
	void loadWhenKeyBelongsToAnotherCertificateThenRefused() throws Exception {
		DeviceCa one = PkiFixtures.newDeviceCa();
		Path certificate = this.dir.resolve("ca.pem");
		Path key = this.dir.resolve("other-key.pem");
		Files.writeString(certificate, io.keyfleet.auth.keys.Pem.write(one.certificate()));
		Files.writeString(key,
				io.keyfleet.auth.keys.Pem.writePkcs8(CertificateBuilder.newP256KeyPair().getPrivate()));

		assertThatIllegalStateException()
			.isThrownBy(() -> DeviceCaSources.load(PkiProperties.DeviceCaProperties.files(certificate, key, null)))
			.withMessageContaining("does not belong to the certificate")
			.withMessageNotContaining("PRIVATE KEY");
	}

	@Test
	void loadWhenNotConfiguredThenNamesTheProperty() {
		assertThatIllegalStateException().isThrownBy(() -> DeviceCaSources.load(PkiProperties.DeviceCaProperties.files(null, null, null)))
			.withMessageContaining("keyfleet.pki.device-ca.certificate is not configured");
	}

	@Test
	void loadWhenCertificateIsNoCaThenRefused() throws Exception {
		java.security.KeyPair pair = CertificateBuilder.newP256KeyPair();
		Path certificate = write("leaf.pem", io.keyfleet.auth.keys.Pem.write(
				CertificateBuilder.forSubject("CN=Not A CA", pair.getPublic()).selfSigned(pair.getPrivate()).build()));
		Path key = write("leaf-key.pem", io.keyfleet.auth.keys.Pem.writePkcs8(pair.getPrivate()));

		assertThatIllegalStateException()
			.isThrownBy(() -> DeviceCaSources.load(PkiProperties.DeviceCaProperties.files(certificate, key, null)))
			.withMessageContaining("keyfleet.pki.device-ca.private-key")
			.withMessageContaining("not a CA certificate");
	}

	@Test
	void loadWhenKeyUsageLacksCertificateSigningThenRefused() throws Exception {
		var properties = opensslCa("/CN=Signing Only", "basicConstraints=critical,CA:TRUE",
				"keyUsage=critical,digitalSignature");

		assertThatIllegalStateException().isThrownBy(() -> DeviceCaSources.load(properties))
			.withMessageContaining("keyCertSign");
	}

	@Test
	void loadWhenFilesAndPkcs12AndPkcs11ConfiguredThenRefusedNamingThem() {
		var properties = new PkiProperties.DeviceCaProperties(this.dir.resolve("ca.pem"), this.dir.resolve("key.pem"),
				null, new Pkcs12DeviceCaProperties(this.dir.resolve("ca.p12"), "p12-secret-4711", null),
				new Pkcs11DeviceCaProperties(Path.of("/no/such/module.so"), null, 0, "pin-secret-4711", "ca", null));

		assertThatIllegalStateException().isThrownBy(() -> DeviceCaSources.load(properties))
			.withMessageContaining("configure one source of the device CA")
			.withMessageContaining("keyfleet.pki.device-ca.certificate")
			.withMessageContaining("keyfleet.pki.device-ca.pkcs12.*")
			.withMessageContaining("keyfleet.pki.device-ca.pkcs11.*")
			.withMessageNotContaining("secret-4711")
			.satisfies(ex -> assertThat(properties.toString()).doesNotContain("secret-4711"));
	}

	/** A self-signed CA key and certificate made by openssl, with these extensions. */
	private PkiProperties.DeviceCaProperties opensslCa(String subject, String... extensions) throws Exception {
		Path key = this.dir.resolve("device-ca-key.pem");
		Path certificate = this.dir.resolve("device-ca.pem");
		openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
		List<String> request = new ArrayList<>(List.of("req", "-new", "-x509", "-key",
				key.toString(), "-out", certificate.toString(), "-days", "30", "-subj", subject));
		for (String extension : extensions) {
			request.addAll(List.of("-addext", extension));
		}
		openssl(request.toArray(String[]::new));
		return PkiProperties.DeviceCaProperties.files(certificate, key, null);
	}

	private Path write(String name, String content) throws Exception {
		return Files.writeString(this.dir.resolve(name), content);
	}

	private static void openssl(String... args) throws Exception {
		String[] command = new String[args.length + 1];
		command[0] = "openssl";
		System.arraycopy(args, 0, command, 1, args.length);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

}
