package io.keyfleet.sim.fleet;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.keyfleet.sim.ClientAuthMethod;
import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.Pem;
import io.keyfleet.sim.SimException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FleetStoreTests {

	@TempDir
	Path directory;

	@Test
	void saveWhenDeviceThenOwnerOnlyDirectoriesAndFile() throws Exception {
		Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwxr-xr-x"));
		FleetStore store = new FleetStore(this.directory.resolve("fleet"));

		store.save(keyDevice("dev-0001"));

		Path fleet = this.directory.resolve("fleet");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fleet))).isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fleet.resolve("devices"))))
			.isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(
				Files.getPosixFilePermissions(fleet.resolve("devices").resolve("dev-0001.json"))))
			.isEqualTo("rw-------");
	}

	@Test
	void saveWhenFleetDirectoryWasOpenToOthersThenRestrictedToOwner() throws Exception {
		Path fleet = Files.createDirectories(this.directory.resolve("open"));
		Files.setPosixFilePermissions(fleet, PosixFilePermissions.fromString("rwxrwxrwx"));

		new FleetStore(fleet).save(keyDevice("dev-0001"));

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fleet))).isEqualTo("rwx------");
	}

	@Test
	void loadWhenSavedThenSameDeviceWithCredentialThatSigns() {
		FleetStore store = new FleetStore(this.directory);
		DeviceRecord device = keyDevice("dev-0002");
		store.save(device);
		store.save(secretDevice("dev-0001"));

		DeviceRecord loaded = store.load("dev-0002");

		assertThat(loaded).usingRecursiveComparison().isEqualTo(device);
		assertThat(loaded.credentials().privateKey()).isNotNull();
		assertThat(store.ids()).containsExactly("dev-0001", "dev-0002");
		assertThat(store.loadAll()).extracting(DeviceRecord::id).containsExactly("dev-0001", "dev-0002");
		assertThat(store.load("dev-0001").credentials().secret().getValue()).isEqualTo("s3cret-s3cret-s3cret-s3cret-s3cret");
	}

	@Test
	void loadWhenIdIsAPathThenRefusedWithoutTouchingTheFileSystem() {
		FleetStore store = new FleetStore(this.directory.resolve("fleet"));

		assertThatExceptionOfType(SimException.class).isThrownBy(() -> store.load("../../etc/passwd"))
			.withMessageContaining("is not a device id");
		assertThatExceptionOfType(SimException.class).isThrownBy(() -> store.load(".."))
			.withMessageContaining("is not a device id");
	}

	@Test
	void loadWhenUnknownDeviceThenHintAtFleetCreate() {
		assertThatExceptionOfType(SimException.class).isThrownBy(() -> new FleetStore(this.directory).load("dev-9"))
			.withMessageContaining("device dev-9 is not in the fleet")
			.withMessageContaining("fleet create");
	}

	@Test
	void bindWhenOtherServerThenRefused() {
		FleetStore store = new FleetStore(this.directory);
		store.bind(URI.create("https://localhost:18443"), Path.of("ca.pem"));
		store.bind(URI.create("https://localhost:18443"), Path.of("ca.pem"));

		assertThat(store.binding().issuer()).isEqualTo(URI.create("https://localhost:18443"));
		assertThat(store.binding().caFile()).isAbsolute();
		assertThatExceptionOfType(SimException.class)
			.isThrownBy(() -> store.bind(URI.create("https://localhost:8443"), Path.of("ca.pem")))
			.withMessageContaining("belongs to https://localhost:18443");
	}

	@Test
	void resolveWhenOptionOrEnvironmentThenThatElseDefault() {
		assertThat(FleetStore.resolve(Path.of("x"), Map.of(FleetStore.ENV_VARIABLE, "y"))).isEqualTo(Path.of("x"));
		assertThat(FleetStore.resolve(null, Map.of(FleetStore.ENV_VARIABLE, "y"))).isEqualTo(Path.of("y"));
		assertThat(FleetStore.resolve(null, Map.of())).isEqualTo(Path.of(".keyfleet-sim", "fleet"));
	}

	@Test
	void toStringWhenDeviceThenNoKeyNoSecret() {
		assertThat(keyDevice("dev-1").toString()).doesNotContain("PRIVATE KEY");
		assertThat(secretDevice("dev-2").toString()).doesNotContain("s3cret");
	}

	private static DeviceRecord keyDevice(String id) {
		return new DeviceRecord(id, ClientAuthMethod.PRIVATE_KEY_JWT, "KF-SIM-1", "kid-1",
				Pem.encodePrivateKey(EcKeys.generate().getPrivate()), null, List.of("telemetry:write"),
				List.of("https://localhost:8444"), Instant.parse("2026-01-02T03:04:05Z"));
	}

	private static DeviceRecord secretDevice(String id) {
		return new DeviceRecord(id, ClientAuthMethod.CLIENT_SECRET_BASIC, "KF-SIM-1", null, null,
				"s3cret-s3cret-s3cret-s3cret-s3cret", List.of(), List.of("https://localhost:8444"), Instant.now());
	}

}
