package io.keyfleet.sim;

import java.io.PrintWriter;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.util.concurrent.Callable;

import io.keyfleet.sim.binding.ClientCertificate;
import io.keyfleet.sim.est.EnrolledCertificates;
import io.keyfleet.sim.est.Enroller;
import io.keyfleet.sim.est.EnrollmentOutput;
import io.keyfleet.sim.est.EstClient;
import io.keyfleet.sim.fleet.FleetStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keyfleet-sim renew ID}: EST {@code simplereenroll} (RFC 7030 Section 4.2.2) over
 * a TLS connection presenting the device's current operational certificate, for a new
 * key (default) or the current one ({@code --reuse-key}). The stored certificate and key
 * are replaced only once the new certificate is in hand, in one atomic move: a refused or
 * failed renewal leaves the device with what it had.
 */
@Command(name = "renew", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Renew a device's enrolled certificate over EST (RFC 7030 simplereenroll), authenticated by "
				+ "the current certificate over TLS; the stored pair is replaced only after success.",
				"The previous certificate is not revoked by the server: it expires on its own." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { ExitCodes.OK_LINE, ExitCodes.SOFTWARE_LINE, ExitCodes.USAGE_LINE,
				ExitCodes.EST_REFUSED_LINE })
final class RenewCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Mixin
	private ServerOptions server;

	@Mixin
	private FleetOptions fleet;

	@Parameters(index = "0", paramLabel = "ID", description = "A device of the local fleet that has enrolled.")
	private String deviceId;

	@Option(names = "--reuse-key",
			description = "Certify the current key again instead of a new one (RFC 7030 section 4.2.2 allows both).")
	private boolean reuseKey;

	@Override
	public Integer call() {
		FleetStore store = this.fleet.store();
		this.server.defaultTo(store.binding());
		EnrolledCertificates certificates = new EnrolledCertificates(store);
		ClientCertificate current = certificates.require(this.deviceId);
		PrintWriter trace = (this.spec.root().userObject() instanceof KeyfleetSim sim && sim.isVerbose())
				? this.spec.commandLine().getErr() : null;
		KeyPair keyPair = this.reuseKey ? EcKeys.keyPairOf((ECPrivateKey) current.privateKey()) : EcKeys.generate();
		ClientCertificate renewed = new Enroller(
				new EstClient(this.server.httpTransport(trace, current), this.server.server()))
			.reenroll(this.deviceId, keyPair);
		certificates.save(this.deviceId, renewed);
		new EnrollmentOutput(this.deviceId, "simplereenroll", "operational-certificate", renewed,
				certificates.file(this.deviceId))
			.with("key", this.reuseKey ? "kept" : "new")
			.with("previous_serial", current.certificate().getSerialNumber().toString(16))
			.print(this.server.json(), this.spec.commandLine().getOut());
		return ExitCodes.OK;
	}

}
