package io.keyfleet.sim.attest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;

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
	void saveWhenEatDeviceThenOwnerOnlyDirectoryAndFile() throws Exception {
		Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path fleet = this.directory.resolve("fleet");

		new AttestationStore(new FleetStore(fleet)).save(device("dev-0001"));

		assertThat(permissions(fleet)).isEqualTo("rwx------");
		assertThat(permissions(fleet.resolve("attestation"))).isEqualTo("rwx------");
		assertThat(permissions(fleet.resolve("attestation").resolve("dev-0001.json"))).isEqualTo("rw-------");
	}

	@Test
	void attesterWhenSavedThenEvidenceOfTheSameStateSignedWithTheSameKey() throws Exception {
		AttestationStore store = new AttestationStore(new FleetStore(this.directory));
		EatDevice saved = device("dev-0002");
		store.save(saved);

		Attester attester = store.attester("dev-0002").orElseThrow();

		assertThat(attester.format()).isEqualTo("eat");
		SignedJWT eat = SignedJWT.parse(attester.evidence("n"));
		assertThat(eat.verify(new ECDSAVerifier((ECPublicKey) this.keyPair.getPublic()))).isTrue();
		assertThat(eat.getHeader().getKeyID()).isEqualTo(saved.key().keyId());
		assertThat(eat.getJWTClaimsSet().getClaims()).containsAllEntriesOf(
				saved.evidence().claims("n", eat.getJWTClaimsSet().getIssueTime().toInstant()).getClaims());
	}

	@Test
	void attesterWhenDeviceDoesNotAttestThenEmpty() {
		assertThat(new AttestationStore(new FleetStore(this.directory)).attester("dev-0003")).isEmpty();
	}

	@Test
	void toStringWhenDeviceThenNoPrivateKey() {
		EatDevice device = device("dev-0004");

		assertThat(device.toString()).contains("dev-0004").doesNotContain("PRIVATE").doesNotContain("BEGIN");
		assertThat(device.key().toString()).doesNotContain(device.key().privateKey().toString());
	}

	private EatDevice device(String id) {
		return new EatDevice(id, EatDevice.EAT, AttestationKey.of(this.keyPair),
				EatDeviceSpec.healthy("KF-SIM-1").profile(Ueid.random()));
	}

	private static String permissions(Path path) throws Exception {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

}
