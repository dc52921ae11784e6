package io.keyfleet.auth.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Loading the device CA from the files an operator makes with openssl (docs/configuration.md). */
class DeviceCaTests {

	@TempDir
	Path dir;

	@Test
	void loadWhenOpensslMadeTheCaThenSignsWithIt() throws Exception {
		Path key = this.dir.resolve("device-ca-key.pem");
		Path certificate = this.dir.resolve("device-ca.pem");
		openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
		openssl("req", "-new", "-x509", "-key", key.toString(), "-out", certificate.toString(), "-days", "30", "-subj",
				"/CN=Fleet Device CA", "-addext", "basicConstraints=critical,CA:TRUE,pathlen:0");

		DeviceCa ca = DeviceCa.load(new PkiProperties.DeviceCaFiles(certificate, key, null));

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
			.isThrownBy(() -> DeviceCa.load(new PkiProperties.DeviceCaFiles(certificate, key, null)))
			.withMessageContaining("does not belong to the certificate")
			.withMessageNotContaining("PRIVATE KEY");
	}

	@Test
	void loadWhenNotConfiguredThenNamesTheProperty() {
		assertThatIllegalStateException().isThrownBy(() -> DeviceCa.load(new PkiProperties.DeviceCaFiles(null, null, null)))
			.withMessageContaining("keyfleet.pki.device-ca.certificate is not configured");
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
