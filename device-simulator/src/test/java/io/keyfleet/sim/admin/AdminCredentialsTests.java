package io.keyfleet.sim.admin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.keyfleet.sim.ClientCredentials;
import io.keyfleet.sim.SimException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AdminCredentialsTests {

	@TempDir
	Path directory;

	@Test
	void resolveWhenExplicitSecretThenItWinsOverEnvironmentAndFile() throws Exception {
		Path file = writeFile("{\"client_id\":\"root\",\"client_secret\":\"from-file\"}");

		ClientCredentials credentials = AdminCredentials.resolve(null, "explicit", file,
				Map.of(AdminCredentials.ENV_VARIABLE, "from-env"));

		assertThat(credentials.clientId().getValue()).isEqualTo("fleet-admin");
		assertThat(credentials.secret().getValue()).isEqualTo("explicit");
	}

	@Test
	void resolveWhenEnvironmentThenItWinsOverFile() throws Exception {
		ClientCredentials credentials = AdminCredentials.resolve(null, null,
				writeFile("{\"client_secret\":\"from-file\"}"), Map.of(AdminCredentials.ENV_VARIABLE, "from-env"));

		assertThat(credentials.secret().getValue()).isEqualTo("from-env");
	}

	@Test
	void resolveWhenOnlyTheDataDirectoryThenItsAdminClientJson() throws Exception {
		writeFile("{\"client_id\":\"fleet-admin-2\",\"client_secret\":\"from-data-dir\"}");

		ClientCredentials credentials = AdminCredentials.resolve(null, null, null,
				Map.of("KEYFLEET_DATA_DIR", this.directory.toString()));

		assertThat(credentials.clientId().getValue()).isEqualTo("fleet-admin-2");
		assertThat(credentials.secret().getValue()).isEqualTo("from-data-dir");
	}

	@Test
	void resolveWhenNothingFoundThenOneLineHintWithoutStackTrace() {
		assertThatExceptionOfType(SimException.class)
			.isThrownBy(() -> AdminCredentials.resolve(null, null, null,
					Map.of("KEYFLEET_DATA_DIR", this.directory.resolve("none").toString())))
			.withMessageContaining("no admin credentials: pass --admin-secret")
			.withMessageContaining(AdminCredentials.ENV_VARIABLE);
	}

	@Test
	void resolveWhenFileIsNotJsonThenSimException() throws Exception {
		Path file = writeFile("client_secret=oops");

		assertThatExceptionOfType(SimException.class)
			.isThrownBy(() -> AdminCredentials.resolve(null, null, file, Map.of()))
			.withMessageContaining("is not JSON")
			.withMessageNotContaining("oops");
	}

	private Path writeFile(String json) throws Exception {
		return Files.writeString(this.directory.resolve("admin-client.json"), json);
	}

}
