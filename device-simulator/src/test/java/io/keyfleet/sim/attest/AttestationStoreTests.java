package io.keyfleet.sim.attest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.fleet.FleetStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AttestationStoreTests {

	@TempDir
	Path directory;

	private final KeyPair keyPair = EcKeys.generate();

	@Test
	void saveWhenAttestingDeviceThenOwnerOnlyDirectoryAndFile() throws Exception {
		Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path fleet = this.directory.resolve("fleet");

		new AttestationStore(new FleetStore(fleet)).save(device("dev-0001"));

		assertThat(permissions(fleet)).isEqualTo("rwx------");
		assertThat(permissions(fleet.resolve("attestation"))).isEqualTo("rwx------");
		assertThat(permissions(fleet.resolve("attestation").resolve("dev-0001.json"))).isEqualTo("rw-------");
	}

	@Test
	void findWhenSavedThenSameStateAndAKeyThatSignsVerifiableEvidence() throws Exception {
		AttestationStore store = new AttestationStore(new FleetStore(this.directory));
		AttestingDevice saved = device("dev-0002");
		store.save(saved);

		AttestingDevice found = store.find("dev-0002").orElseThrow();

		assertThat(found.profile()).isEqualTo(saved.profile());
		assertThat(found.key().keyId()).isEqualTo(saved.key().keyId());
		SignedJWT eat = SignedJWT.parse(found.evidence().sign("n", Instant.now()));
		assertThat(eat.verify(new ECDSAVerifier((ECPublicKey) this.keyPair.getPublic()))).isTrue();
	}

	@Test
	void findWhenDeviceDoesNotAttestThenEmpty() {
		assertThat(new AttestationStore(new FleetStore(this.directory)).find("dev-0003")).isEmpty();
	}

	@Test
	void toStringWhenDeviceThenNoPrivateKey() {
		AttestingDevice device = device("dev-0004");

		assertThat(device.toString()).contains("dev-0004").doesNotContain("PRIVATE").doesNotContain("BEGIN");
		assertThat(device.key().toString()).doesNotContain(device.key().privateKey().toString());
	}

	private AttestingDevice device(String id) {
		return new AttestingDevice(id, AttestingDevice.EAT, AttestationKey.of(this.keyPair),
				EatDeviceSpec.healthy("KF-SIM-1").profile(Ueid.random()));
	}

	private static String permissions(Path path) throws Exception {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

}
