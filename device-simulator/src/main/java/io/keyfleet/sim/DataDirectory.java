package io.keyfleet.sim;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a dev-mode auth-server keeps its state: {@code $KEYFLEET_DATA_DIR}, else
 * {@code .keyfleet} in the working directory (CONTRACT.md, "Ports and dev mode").
 */
public final class DataDirectory {

	public static final String ENV_VARIABLE = "KEYFLEET_DATA_DIR";

	static final Path DEFAULT = Path.of(".keyfleet");

	private DataDirectory() {
	}

	public static Path resolve(Map<String, String> environment) {
		String value = environment.get(ENV_VARIABLE);
		return (value == null || value.isBlank()) ? DEFAULT : Path.of(value);
	}

	/**
	 * The dev root CA, the trust anchor of the server's TLS certificate.
	 * @param environment the process environment
	 * @return {@code <data dir>/ca/root.pem}
	 */
	public static Path caFile(Map<String, String> environment) {
		return resolve(environment).resolve("ca").resolve("root.pem");
	}

}
