package io.keyfleet.sim;

import java.nio.file.Path;

import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import io.keyfleet.sim.admin.AdminClient;
import io.keyfleet.sim.admin.AdminCredentials;
import picocli.CommandLine.Option;

/**
 * Options of the commands that use the admin API: the credentials of the administrative
 * client (see {@link AdminCredentials} for where they are looked for).
 */
public final class AdminOptions {

	@Option(names = "--admin-client-id", paramLabel = "ID",
			description = "Admin client id (default: the credentials file's, else fleet-admin).")
	private String clientId;

	@Option(names = "--admin-secret", paramLabel = "SECRET",
			description = { "Admin client secret. Prefer $" + AdminCredentials.ENV_VARIABLE
					+ " (a command line is visible to other users).",
					"Default: $" + AdminCredentials.ENV_VARIABLE + ", else --admin-client-file, else $"
							+ DataDirectory.ENV_VARIABLE + "/admin-client.json or .keyfleet/admin-client.json." })
	private String secret;

	@Option(names = "--admin-client-file", paramLabel = "FILE",
			description = "The dev server's admin-client.json to read the admin credentials from.")
	private Path file;

	/**
	 * @param http the transport
	 * @param metadata the server's metadata
	 * @return an admin API client with the resolved credentials
	 */
	public AdminClient adminClient(HttpTransport http, AuthorizationServerMetadata metadata) {
		return new AdminClient(http, metadata, credentials());
	}

	/**
	 * @return the admin client's credentials
	 */
	public ClientCredentials credentials() {
		return AdminCredentials.resolve(this.clientId, this.secret, this.file, System.getenv());
	}

}
