package io.keyfleet.sim;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import io.keyfleet.sim.binding.ClientCertificate;
import io.keyfleet.sim.est.EnrolledCertificates;
import io.keyfleet.sim.est.Enroller;
import io.keyfleet.sim.est.EnrollmentOutput;
import io.keyfleet.sim.est.EstClient;
import io.keyfleet.sim.fleet.DeviceRecord;
import io.keyfleet.sim.fleet.FleetStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keyfleet-sim enroll ID}: the device gets its operational certificate over EST
 * {@code simpleenroll} (RFC 7030 Section 4.2.1) with a new P-256 key, authenticated by a
 * one-time enrollment token (given, or fetched through the admin API) or by its factory
 * certificate, and keeps certificate and key in the fleet directory
 * ({@link EnrolledCertificates}). A device that is not in the local fleet yet is added as a
 * {@code tls_client_auth} device, so that {@code token --device ID} then authenticates with
 * the certificate (RFC 8705 Section 2.1) and gets tokens bound to it.
 */
@Command(name = "enroll", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Enroll a device over EST (RFC 7030 simpleenroll): a new P-256 key, a PKCS#10 request, the "
				+ "issued certificate kept with the key in <fleet dir>/devices/<id>.est.pem (owner-only).",
				"Authenticated by --enrollment-token, by --factory-cert/--factory-key (TLS client certificate from a "
						+ "manufacturer CA the server trusts), or else by an enrollment token fetched through the admin "
						+ "API (POST /api/v1/devices/{id}/enrollment-token).",
				"A device not yet in the local fleet is added as a tls_client_auth device: 'token --device ID' then "
						+ "authenticates with the certificate and gets tokens bound to it (cnf.x5t#S256)." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { ExitCodes.OK_LINE, ExitCodes.SOFTWARE_LINE, ExitCodes.USAGE_LINE,
				ExitCodes.EST_REFUSED_LINE })
final class EnrollCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Mixin
	private ServerOptions server;

	@Mixin
	private FleetOptions fleet;

	@Mixin
	private AdminOptions adminOptions;

	@Parameters(index = "0", paramLabel = "ID", description = "The device id (registered at the server).")
	private String deviceId;

	@ArgGroup(exclusive = true, multiplicity = "0..1")
	private Authentication authentication;

	@Override
	public Integer call() {
		FleetStore store = this.fleet.store();
		boolean known = store.contains(this.deviceId);
		this.server.defaultTo(store.binding());
		PrintWriter err = this.spec.commandLine().getErr();
		PrintWriter trace = isVerbose() ? err : null;
		HttpTransport http = this.server.httpTransport(trace);
		AuthorizationServerMetadata metadata = ServerMetadata.discover(this.server.server(), http);
		ClientCertificate factory = (this.authentication != null && this.authentication.factory != null)
				? this.authentication.factory.certificate() : null;
		String token = null;
		String how = "factory-certificate";
		if (factory == null) {
			token = (this.authentication != null) ? this.authentication.enrollmentToken
					: this.adminOptions.adminClient(http, metadata).enrollmentToken(this.deviceId);
			how = "enrollment-token";
		}
		EstClient est = new EstClient((factory != null) ? this.server.httpTransport(trace, factory) : http,
				this.server.server());
		if (!known) {
			store.bind(this.server.server(), this.server.caFile()); // refuses a fleet of another server first
		}
		ClientCertificate enrolled = new Enroller(est).enroll(this.deviceId, token);
		if (!known) {
			store.save(new DeviceRecord(this.deviceId, ClientAuthMethod.TLS_CLIENT_AUTH, null, null, null, null,
					List.of(), List.of(), Instant.now()));
		}
		EnrolledCertificates certificates = new EnrolledCertificates(store);
		certificates.save(this.deviceId, enrolled);
		new EnrollmentOutput(this.deviceId, "simpleenroll", how, enrolled, certificates.file(this.deviceId))
			.print(this.server.json(), this.spec.commandLine().getOut());
		return ExitCodes.OK;
	}

	private boolean isVerbose() {
		return this.spec.root().userObject() instanceof KeyfleetSim sim && sim.isVerbose();
	}

	/** An enrollment token, or a factory certificate; neither: fetch a token through the admin API. */
	static final class Authentication {

		@Option(names = "--enrollment-token", paramLabel = "TOKEN",
				description = "A one-time enrollment token (sent as HTTP Bearer, RFC 7030 section 3.2.3).")
		String enrollmentToken;

		@ArgGroup(exclusive = false)
		FactoryCertificate factory;

	}

	/** The device's factory (manufacturer-issued) certificate and key, for TLS client authentication. */
	static final class FactoryCertificate {

		@Option(names = "--factory-cert", paramLabel = "PEM", required = true,
				description = "The factory certificate (PEM; its CN is the device id), issued by a manufacturer CA the "
						+ "server trusts (keyfleet.mtls.trusted-ca-files).")
		Path certificateFile;

		@Option(names = "--factory-key", paramLabel = "PEM", required = true,
				description = "The factory certificate's EC P-256 private key (PEM, unencrypted).")
		Path keyFile;

		ClientCertificate certificate() {
			List<X509Certificate> certificates;
			try {
				certificates = Pem.readCertificates(this.certificateFile);
			}
			catch (IOException ex) {
				throw new SimException("cannot read the factory certificate " + this.certificateFile + ": "
						+ ex.getMessage(), ex);
			}
			if (certificates.isEmpty()) {
				throw new SimException(this.certificateFile + " holds no PEM certificate");
			}
			return new ClientCertificate(certificates.get(0), Pem.readEcPrivateKey(this.keyFile));
		}

	}

}
