package io.keyfleet.sim;

import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import io.keyfleet.sim.attest.AttestModeOption;
import io.keyfleet.sim.binding.DeviceBinding;
import io.keyfleet.sim.fleet.DeviceRecord;
import io.keyfleet.sim.fleet.FleetStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code keyfleet-sim call}: gets an access token for a fleet device, then calls a URL with
 * it as a bearer token (RFC 6750 Section 2.1), or as a DPoP-bound token with a proof (RFC
 * 9449 Section 7.1), and prints the status, headers and body.
 */
@Command(name = "call", mixinStandardHelpOptions = true,
		description = { "Get an access token for a device of the local fleet and call METHOD URL with "
				+ "'Authorization: Bearer <token>' (RFC 6750 section 2.1), or with 'Authorization: DPoP <token>' and a "
				+ "DPoP proof (--binding dpop, RFC 9449 section 7.1); print the status, headers and body.",
				"The URL's TLS certificate must chain to --ca-file (the dev root CA issues every dev server's)." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:the resource answered 2xx or 3xx", ExitCodes.SOFTWARE_LINE + "; or it answered 5xx",
				ExitCodes.USAGE_LINE, "3:the token endpoint refused the token, or the resource answered 4xx" })
final class CallCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Mixin
	private ServerOptions server;

	@Mixin
	private FleetOptions fleet;

	@Mixin
	private AttestModeOption attest;

	@Option(names = "--device", required = true, paramLabel = "ID", description = "A device of the local fleet.")
	private String device;

	@Parameters(index = "0", paramLabel = "METHOD", description = "HTTP method, e.g. GET or POST.")
	private String method;

	@Parameters(index = "1", paramLabel = "URL", description = "The https URL to call.")
	private URI url;

	@Option(names = { "-d", "--data" }, paramLabel = "BODY", description = "Request body.")
	private String data;

	@Option(names = "--content-type", paramLabel = "TYPE", defaultValue = "application/json",
			description = "Content-Type of --data (default: ${DEFAULT-VALUE}).")
	private String contentType;

	@Option(names = { "-H", "--header" }, paramLabel = "NAME:VALUE", description = "Extra request header; repeatable.")
	private List<String> headers = new ArrayList<>();

	@Option(names = "--scope", paramLabel = "SCOPE", description = "Requested scope; repeatable (default: the device's).")
	private List<String> scopes = new ArrayList<>();

	@Option(names = "--resource", paramLabel = "URI", description = "Target resource (RFC 8707); repeatable.")
	private List<URI> resources = new ArrayList<>();

	@Option(names = "--allow-http", description = "Allow a plain http URL (the token travels in clear text).")
	private boolean allowHttp;

	@Option(names = "--show-secrets", description = "Also print the access token.")
	private boolean showSecrets;

	@Mixin
	private BindingOptions bindingOptions;

	@Override
	public Integer call() {
		String scheme = (this.url.getScheme() != null) ? this.url.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("https") && !(scheme.equals("http") && this.allowHttp)) {
			throw new ParameterException(this.spec.commandLine(), "URL must be https (RFC 6750 section 5.3), or http "
					+ "with --allow-http: " + this.url);
		}
		FleetStore store = this.fleet.store();
		DeviceRecord record = store.load(this.device);
		DeviceBinding binding = this.bindingOptions.prepare(store, record);
		this.server.defaultTo(store.binding());
		PrintWriter err = this.spec.commandLine().getErr();
		HttpTransport http = this.server.httpTransport(isVerbose() ? err : null, binding);
		AuthorizationServerMetadata metadata = ServerMetadata.discover(this.server.server(), http);
		TokenEndpointResponse token = this.attest.requestToken(http, metadata, store, this.device,
				record.credentials(), binding.dpop(), TokenCommand.scope(this.scopes), this.resources);
		if (!token.isSuccess()) {
			new TokenOutput(this.server.json(), false).print(token, this.spec.qualifiedName(),
					this.spec.commandLine().getOut(), err);
			return ExitCodes.OAUTH_ERROR;
		}
		String accessToken = token.success().getTokens().getAccessToken().getValue();
		ResourceCall.Answer answer = new ResourceCall(this.server.sslContext(binding), this.server.timeout())
			.call(this.method.toUpperCase(Locale.ROOT), this.url, accessToken, this.data, requestHeaders(),
					binding.dpop());
		print(token, accessToken, answer, binding);
		return (answer.status() < 400) ? ExitCodes.OK : (answer.status() < 500) ? ExitCodes.OAUTH_ERROR : ExitCodes.SOFTWARE;
	}

	private Map<String, String> requestHeaders() {
		Map<String, String> result = new LinkedHashMap<>();
		if (this.data != null) {
			result.put("Content-Type", this.contentType);
		}
		for (String header : this.headers) {
			int colon = header.indexOf(':');
			if (colon <= 0) {
				throw new ParameterException(this.spec.commandLine(), "--header must be NAME:VALUE: " + header);
			}
			result.put(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
		}
		return result;
	}

	private void print(TokenEndpointResponse token, String accessToken, ResourceCall.Answer answer,
			DeviceBinding binding) {
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.server.json()) {
			ObjectNode result = JsonOutput.object();
			ObjectNode tokenNode = result.putObject("token");
			tokenNode.put("http_status", token.status());
			tokenNode.put("binding", binding.binding().value());
			tokenNode.set("token_type", JsonOutput.tree(token.body().get("token_type")));
			tokenNode.put("access_token", this.showSecrets ? accessToken : TokenOutput.REDACTED);
			tokenNode.set("scope", JsonOutput.tree(token.body().get("scope")));
			tokenNode.set("expires_in", JsonOutput.tree(token.body().get("expires_in")));
			ObjectNode call = result.putObject("call");
			call.put("method", this.method.toUpperCase(Locale.ROOT));
			call.put("url", this.url.toString());
			call.put("status", answer.status());
			call.set("headers", JsonOutput.tree(answer.headers()));
			call.set("body", jsonOrText(answer.body()));
			out.println(JsonOutput.compact(result));
		}
		else {
			if (this.showSecrets) {
				out.println("Access token: " + accessToken);
			}
			out.println("HTTP " + answer.status());
			answer.headers().forEach((name, values) -> values.forEach((value) -> out.println(name + ": " + value)));
			out.println();
			out.println(answer.body());
		}
		out.flush();
	}

	private static tools.jackson.databind.JsonNode jsonOrText(String body) {
		if (body == null || body.isEmpty()) {
			return JsonOutput.tree(body);
		}
		try {
			return JsonOutput.parse(body);
		}
		catch (RuntimeException ex) {
			return JsonOutput.tree(body);
		}
	}

	private boolean isVerbose() {
		return this.spec.root().userObject() instanceof KeyfleetSim sim && sim.isVerbose();
	}

}
