package io.keyfleet.sim;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import io.keyfleet.sim.attest.AttestModeOption;
import io.keyfleet.sim.binding.Binding;
import io.keyfleet.sim.binding.DeviceBinding;
import io.keyfleet.sim.fleet.DeviceRecord;
import io.keyfleet.sim.fleet.FleetStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keyfleet-sim token}: gets an access token with the client credentials grant and
 * prints the response and the token's decoded claims. The token endpoint comes from the
 * server's RFC 8414 metadata. An OAuth error response exits with
 * {@link ExitCodes#OAUTH_ERROR}.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
		description = { "Get an access token with the client_credentials grant (RFC 6749 section 4.4) and print "
				+ "the token response and the access token's decoded (unverified) header and claims.",
				"Use a device of the local fleet (--device ID) or give the credentials (--client-id with --key or "
						+ "--secret).",
				"Authenticate with a private key (private_key_jwt, ES256) or a client secret "
						+ "(client_secret_basic, client_secret_jwt)." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { ExitCodes.OK_LINE, ExitCodes.SOFTWARE_LINE, ExitCodes.USAGE_LINE, ExitCodes.OAUTH_ERROR_LINE })
final class TokenCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@ParentCommand
	private KeyfleetSim parent;

	@Mixin
	private ServerOptions server;

	@Mixin
	private FleetOptions fleet;

	@Mixin
	private AttestModeOption attest;

	@Option(names = "--device", paramLabel = "ID",
			description = "A device of the local fleet (see 'fleet create'): its stored key or secret is used, "
					+ "and the fleet's server unless --server is given.")
	private String device;

	@Option(names = "--client-id", paramLabel = "ID",
			description = "The client (device) id, with --key or --secret (instead of --device).")
	private String clientId;

	@ArgGroup(exclusive = true, multiplicity = "0..1")
	private Credential credential;

	@Option(names = "--auth", paramLabel = "METHOD", converter = ClientAuthMethod.Converter.class,
			completionCandidates = ClientAuthMethod.Names.class,
			description = { "Client authentication method: ${COMPLETION-CANDIDATES}.",
					"Default: private_key_jwt with --key, client_secret_basic with --secret." })
	private ClientAuthMethod auth;

	@Option(names = "--kid", paramLabel = "KID",
			description = "kid header of the private_key_jwt assertion (default: none).")
	private String keyId;

	@Option(names = "--scope", paramLabel = "SCOPE",
			description = "Requested scope; repeatable, or several space-separated (default: the client's).")
	private List<String> scopes = new ArrayList<>();

	@Option(names = "--resource", paramLabel = "URI",
			description = "Target resource server (RFC 8707); repeatable (default: the client's).")
	private List<URI> resources = new ArrayList<>();

	@Option(names = "--show-secrets", description = "Print the access token itself, not only its claims.")
	private boolean showSecrets;

	@Mixin
	private BindingOptions bindingOptions;

	private DeviceBinding binding = DeviceBinding.NONE;

	@Override
	public Integer call() {
		validate();
		ClientCredentials credentials = credentials();
		PrintWriter err = this.spec.commandLine().getErr();
		HttpTransport http = this.server.httpTransport(isVerbose() ? err : null, this.binding);
		AuthorizationServerMetadata metadata = ServerMetadata.discover(this.server.server(), http);
		TokenEndpointResponse response = this.attest.requestToken(http, metadata,
				(this.device != null) ? this.fleet.store() : null, this.device, credentials, this.binding.dpop(),
				scope(), this.resources);
		new TokenOutput(this.server.json(), this.showSecrets).print(response, this.spec.qualifiedName(),
				this.spec.commandLine().getOut(), err);
		return response.isSuccess() ? ExitCodes.OK : ExitCodes.OAUTH_ERROR;
	}

	private ClientCredentials credentials() {
		if (this.device != null) {
			if (this.clientId != null || this.credential != null || this.auth != null || this.keyId != null) {
				throw usage("--device cannot be combined with --client-id, --key, --secret, --auth or --kid");
			}
			FleetStore store = this.fleet.store();
			DeviceRecord record = store.load(this.device);
			this.binding = this.bindingOptions.prepare(store, record);
			this.server.defaultTo(store.binding());
			return record.credentials();
		}
		if (this.clientId == null || this.credential == null) {
			throw usage("give --device ID, or --client-id ID with --key FILE or --secret SECRET");
		}
		if (this.bindingOptions.binding() != Binding.NONE) {
			throw usage("--binding " + this.bindingOptions.binding().value()
					+ " needs --device: the binding keys are kept with the device in the fleet directory");
		}
		ClientAuthMethod method = (this.auth != null) ? this.auth
				: (this.credential.keyFile != null) ? ClientAuthMethod.PRIVATE_KEY_JWT
						: ClientAuthMethod.CLIENT_SECRET_BASIC;
		if (method == ClientAuthMethod.TLS_CLIENT_AUTH) {
			throw usage("--auth tls_client_auth needs --device: the enrolled certificate is kept with the device "
					+ "(see 'enroll')");
		}
		if (method.usesSecret() && this.credential.secret == null) {
			throw usage("--auth " + method + " needs --secret");
		}
		if (method.usesKey() && this.credential.keyFile == null) {
			throw usage("--auth " + method + " needs --key");
		}
		if (this.keyId != null && method != ClientAuthMethod.PRIVATE_KEY_JWT) {
			throw usage("--kid applies to private_key_jwt only");
		}
		if (method.usesSecret()) {
			return ClientCredentials.secret(this.clientId, method, this.credential.secret);
		}
		return ClientCredentials.privateKeyJwt(this.clientId, Pem.readEcPrivateKey(this.credential.keyFile),
				this.keyId);
	}

	private void validate() {
		if (this.device == null && (this.clientId == null || this.credential == null)) {
			throw usage("give --device ID, or --client-id ID with --key FILE or --secret SECRET");
		}
	}

	static Scope scope(List<String> scopes) {
		Scope scope = new Scope();
		for (String value : scopes) {
			for (String token : value.trim().split("\\s+")) {
				if (!token.isEmpty()) {
					scope.add(token);
				}
			}
		}
		return scope;
	}

	private Scope scope() {
		return scope(this.scopes);
	}

	private boolean isVerbose() {
		return this.parent != null && this.parent.isVerbose();
	}

	private ParameterException usage(String message) {
		return new ParameterException(this.spec.commandLine(), message);
	}

	/** Exactly one of a key or a secret. */
	static final class Credential {

		@Option(names = "--key", paramLabel = "FILE", required = true,
				description = "PEM (PKCS#8) EC P-256 private key, for private_key_jwt.")
		Path keyFile;

		@Option(names = "--secret", paramLabel = "SECRET", required = true,
				description = "Client secret, for client_secret_basic or client_secret_jwt.")
		String secret;

	}

}
