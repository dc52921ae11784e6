package io.keyfleet.sim;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import io.keyfleet.sim.binding.ClientCertificate;
import io.keyfleet.sim.binding.DeviceBinding;
import io.keyfleet.sim.fleet.FleetStore;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Options of every command that talks to an authorization server: where it is, which CA to
 * trust for its TLS certificate, and {@code --json}.
 */
public final class ServerOptions {

	static final String DEFAULT_SERVER = "https://localhost:8443";

	@Spec(Spec.Target.MIXEE)
	private CommandSpec mixee;

	@Mixin
	private OutputOptions output;

	private URI server;

	@Option(names = "--ca-file", paramLabel = "PEM",
			description = { "PEM file of the CA(s) to trust for the server's TLS certificate.",
					"Default: $" + DataDirectory.ENV_VARIABLE + "/ca/root.pem when set, else .keyfleet/ca/root.pem." })
	private Path caFile;

	private Duration timeout;

	@Option(names = "--server", paramLabel = "URL", defaultValue = DEFAULT_SERVER,
			description = "Issuer URL of the authorization server (default: ${DEFAULT-VALUE}).")
	void setServer(URI server) {
		if (!"https".equalsIgnoreCase(server.getScheme()) || server.getHost() == null) {
			throw new ParameterException(this.mixee.commandLine(),
					"--server must be an https URL (the contract has no plain HTTP): " + server);
		}
		if (server.getRawQuery() != null || server.getRawFragment() != null) {
			throw new ParameterException(this.mixee.commandLine(),
					"--server must not have a query or fragment (RFC 8414 section 2): " + server);
		}
		String value = server.toString();
		this.server = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
	}

	@Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
			description = "Connect and read timeout of each HTTP request (default: ${DEFAULT-VALUE} s).")
	void setTimeout(int seconds) {
		if (seconds <= 0) {
			throw new ParameterException(this.mixee.commandLine(), "--timeout must be a positive number of seconds");
		}
		this.timeout = Duration.ofSeconds(seconds);
	}

	/**
	 * The issuer identifier, without a trailing slash.
	 * @return the server's issuer URL
	 */
	public URI server() {
		return this.server;
	}

	/**
	 * Uses the server a fleet is registered at, unless {@code --server} or {@code --ca-file}
	 * were given.
	 * @param binding the fleet's server, or {@code null}
	 */
	public void defaultTo(FleetStore.FleetBinding binding) {
		if (binding == null) {
			return;
		}
		if (!this.mixee.commandLine().getParseResult().hasMatchedOption("--server")) {
			this.server = binding.issuer();
		}
		if (this.caFile == null && binding.caFile() != null) {
			this.caFile = binding.caFile();
		}
	}

	public Path caFile() {
		return (this.caFile != null) ? this.caFile : DataDirectory.caFile(System.getenv());
	}

	public boolean json() {
		return this.output.json();
	}

	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * An HTTP transport that trusts {@link #caFile()}.
	 * @param trace where to trace exchanges, or {@code null}
	 * @return a new transport
	 */
	public HttpTransport httpTransport(PrintWriter trace) {
		return httpTransport(trace, DeviceBinding.NONE);
	}

	/**
	 * An HTTP transport that trusts {@link #caFile()} and presents the device's client
	 * certificate, if its binding has one.
	 * @param trace where to trace exchanges, or {@code null}
	 * @param binding the device's binding
	 * @return a new transport
	 */
	public HttpTransport httpTransport(PrintWriter trace, DeviceBinding binding) {
		return httpTransport(trace, binding.certificate());
	}

	/**
	 * An HTTP transport that trusts {@link #caFile()} and presents a client certificate.
	 * @param trace where to trace exchanges, or {@code null}
	 * @param certificate the client certificate, or {@code null} for none
	 * @return a new transport
	 */
	public HttpTransport httpTransport(PrintWriter trace, ClientCertificate certificate) {
		return new HttpTransport(TlsContext.sslContext(caFile(), (certificate != null) ? certificate.keyManagers() : null)
			.getSocketFactory(), timeout(), trace);
	}

	/**
	 * @param binding the device's binding
	 * @return a TLS context that trusts {@link #caFile()} and presents the device's client
	 * certificate, if its binding has one (RFC 8705 Section 3)
	 */
	public SSLContext sslContext(DeviceBinding binding) {
		return TlsContext.sslContext(caFile(),
				(binding.certificate() != null) ? binding.certificate().keyManagers() : null);
	}

}
