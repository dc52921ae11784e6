package io.keyfleet.sim;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default {@code --ca-file}: the dev server's root CA (CONTRACT.md, "Ports and dev mode").
 */
class DataDirectoryTests {

	@Test
	void caFileWhenDataDirVariableUnsetThenDotKeyfleetInWorkingDirectory() {
		assertThat(DataDirectory.caFile(Map.of())).isEqualTo(Path.of(".keyfleet", "ca", "root.pem"));
	}

	@Test
	void caFileWhenDataDirVariableSetThenUnderIt() {
		assertThat(DataDirectory.caFile(Map.of("KEYFLEET_DATA_DIR", "/var/lib/keyfleet")))
			.isEqualTo(Path.of("/var/lib/keyfleet", "ca", "root.pem"));
	}

	@Test
	void caFileWhenDataDirVariableBlankThenDotKeyfleet() {
		assertThat(DataDirectory.caFile(Map.of("KEYFLEET_DATA_DIR", " "))).isEqualTo(Path.of(".keyfleet/ca/root.pem"));
	}

}
