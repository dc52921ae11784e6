package io.keyfleet.sim.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import io.keyfleet.sim.ClientAuthMethod;
import io.keyfleet.sim.ClientCredentials;
import io.keyfleet.sim.DataDirectory;
import io.keyfleet.sim.JsonOutput;
import io.keyfleet.sim.SimException;
import tools.jackson.databind.JsonNode;

/**
 * Finds the credentials of the administrative client ({@code fleet-admin}, CONTRACT "Admin
 * API"), first match wins: an explicit secret ({@code --admin-secret}), the environment
 * variable {@value #ENV_VARIABLE} (the same one that sets the dev server's admin secret), an
 * explicit {@code admin-client.json}, else the dev server's
 * {@code $KEYFLEET_DATA_DIR/admin-client.json} or {@code .keyfleet/admin-client.json}.
 */
public final class AdminCredentials {

	public static final String ENV_VARIABLE = "KEYFLEET_ADMIN_SECRET";

	public static final String DEFAULT_CLIENT_ID = "fleet-admin";

	private AdminCredentials() {
	}

	/**
	 * @param clientId the admin client id, or {@code null} for the file's or {@value #DEFAULT_CLIENT_ID}
	 * @param secret an explicit secret, or {@code null}
	 * @param file an explicit {@code admin-client.json}, or {@code null}
	 * @param environment the process environment
	 * @return client_secret_basic credentials of the admin client
	 * @throws SimException when none can be found
	 */
	public static ClientCredentials resolve(String clientId, String secret, Path file, Map<String, String> environment) {
		String id = (clientId != null) ? clientId : DEFAULT_CLIENT_ID;
		if (secret != null) {
			return ClientCredentials.secret(id, ClientAuthMethod.CLIENT_SECRET_BASIC, secret);
		}
		String fromEnvironment = environment.get(ENV_VARIABLE);
		if (fromEnvironment != null && !fromEnvironment.isBlank()) {
			return ClientCredentials.secret(id, ClientAuthMethod.CLIENT_SECRET_BASIC, fromEnvironment);
		}
		Path candidate = (file != null) ? file : DataDirectory.resolve(environment).resolve("admin-client.json");
		JsonNode json = read(candidate, file != null);
		JsonNode fileId = json.get("client_id");
		JsonNode fileSecret = json.get("client_secret");
		if (fileSecret == null || !fileSecret.isString()) {
			throw new SimException(candidate + " has no \"client_secret\"");
		}
		String resolvedId = (clientId != null) ? clientId
				: (fileId != null && fileId.isString()) ? fileId.asString() : DEFAULT_CLIENT_ID;
		return ClientCredentials.secret(resolvedId, ClientAuthMethod.CLIENT_SECRET_BASIC, fileSecret.asString());
	}

	private static JsonNode read(Path file, boolean explicit) {
		try {
			return JsonOutput.parse(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (NoSuchFileException ex) {
			throw new SimException(explicit ? "admin credentials file " + file + " not found"
					: "no admin credentials: pass --admin-secret or --admin-client-file, set " + ENV_VARIABLE
							+ ", or run where the dev server's " + file + " is (or set " + DataDirectory.ENV_VARIABLE
							+ ")", ex);
		}
		catch (IOException ex) {
			throw new SimException("cannot read admin credentials file " + file + ": " + ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			throw new SimException("admin credentials file " + file + " is not JSON", ex);
		}
	}

}
