package io.keyfleet.sim.est;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;

import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.SimException;
import io.keyfleet.sim.binding.ClientCertificate;
import io.keyfleet.sim.fleet.FleetStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EnrolledCertificatesTests {

	@TempDir
	Path directory;

	@Test
	void saveWhenCertificateAndKeyThenOneOwnerOnlyFileReadBackAsThePair() throws Exception {
		EnrolledCertificates store = new EnrolledCertificates(new FleetStore(this.directory));
		KeyPair keyPair = EcKeys.generate();
		ClientCertificate enrolled = new ClientCertificate(TestCertificates.issue(keyPair, "dev-1"),
				keyPair.getPrivate());

		store.save("dev-1", enrolled);

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file("dev-1"))))
			.isEqualTo("rw-------");
		ClientCertificate read = store.find("dev-1").orElseThrow();
		assertThat(read.certificate().getEncoded()).isEqualTo(enrolled.certificate().getEncoded());
		assertThat(read.privateKey().getEncoded()).isEqualTo(keyPair.getPrivate().getEncoded());
	}

	@Test
	void findWhenNeverEnrolledThenEmptyAndRequireNamesTheCommand() {
		EnrolledCertificates store = new EnrolledCertificates(new FleetStore(this.directory));

		assertThat(store.find("dev-2")).isEmpty();
		assertThatExceptionOfType(SimException.class).isThrownBy(() -> store.require("dev-2"))
			.withMessageContaining("run 'enroll dev-2' first");
	}

	@Test
	void findWhenFileHoldsNoKeyThenSimException() throws Exception {
		EnrolledCertificates store = new EnrolledCertificates(new FleetStore(this.directory));
		Files.writeString(store.file("dev-3"), io.keyfleet.sim.Pem
			.encodeCertificate(TestCertificates.issue(EcKeys.generate(), "dev-3")));

		assertThatExceptionOfType(SimException.class).isThrownBy(() -> store.find("dev-3"))
			.withMessageContaining("must hold a certificate and its private key");
	}

}
