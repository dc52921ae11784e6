package io.keyfleet.sim;

import java.io.PrintWriter;
import java.security.cert.X509Certificate;
import java.util.Iterator;
import java.util.List;

import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import io.keyfleet.sim.admin.AdminClient;
import io.keyfleet.sim.binding.ClientCertificate;
import io.keyfleet.sim.est.EstClient;
import io.keyfleet.sim.est.PkiLoadFixture;
import io.keyfleet.sim.load.LoadPlan;
import io.keyfleet.sim.load.LoadReport;
import io.keyfleet.sim.load.PkiLoadSession;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code load --mode enroll|reenroll|ocsp}: prepares the devices and what their requests
 * need through the admin API and EST (not measured, progress on stderr), then measures
 * one device-PKI operation with {@link PkiLoadSession}. The devices are new ones each run
 * ({@code load-<random>-NNNNNN}), so runs never depend on one another.
 */
final class PkiLoad {

	static final int DEFAULT_DEVICES = 100;

	private final CommandSpec spec;

	private final ServerOptions server;

	private final AdminOptions adminOptions;

	private final String mode;

	private final int devices;

	private final boolean ocspNonce;

	PkiLoad(CommandSpec spec, ServerOptions server, AdminOptions adminOptions, String mode, int devices,
			boolean ocspNonce) {
		this.spec = spec;
		this.server = server;
		this.adminOptions = adminOptions;
		this.mode = mode;
		this.devices = (devices > 0) ? devices : DEFAULT_DEVICES;
		this.ocspNonce = ocspNonce;
	}

	/**
	 * @param plan what to measure
	 * @param calls whether {@code --call} was given (it applies to token requests only)
	 * @return the exit code
	 */
	int run(LoadPlan plan, boolean calls) {
		if (!List.of("enroll", "reenroll", "ocsp").contains(this.mode)) {
			throw usage("--mode must be token, enroll, reenroll or ocsp, not '" + this.mode + "'");
		}
		if (calls) {
			throw usage("--call applies to --mode token only");
		}
		if (this.ocspNonce && !this.mode.equals("ocsp")) {
			throw usage("--ocsp-nonce applies to --mode ocsp only");
		}
		if (this.mode.equals("enroll") && (plan.requests() <= 0 || plan.duration() != null || !plan.warmup().isZero())) {
			throw usage("--mode enroll needs --requests N and no --duration or --warmup: each enrollment uses up an "
					+ "enrollment token fetched before the measurement");
		}
		PrintWriter err = this.spec.commandLine().getErr();
		boolean json = this.server.json();
		HttpTransport http = this.server.httpTransport(null);
		AuthorizationServerMetadata metadata = ServerMetadata.discover(this.server.server(), http);
		AdminClient admin = this.adminOptions.adminClient(http, metadata);
		EstClient est = new EstClient(http, this.server.server());
		PkiLoadFixture fixture = new PkiLoadFixture(admin, est, "load-" + FleetCreateCommand.randomSuffix() + "-");
		PkiLoadSession session = new PkiLoadSession(plan, this.server.server(),
				TlsContext.socketFactory(this.server.caFile()), (int) this.server.timeout().toMillis());
		boolean progress = System.console() != null && !json;
		note(err, "registering " + this.devices + " tls_client_auth devices through the admin API");
		List<String> ids = fixture.registerDevices(this.devices);
		LoadReport report;
		if (this.mode.equals("enroll")) {
			int count = Math.toIntExact(plan.requests());
			note(err, "fetching " + count + " enrollment tokens and making " + count + " P-256 CSRs (not measured)");
			report = session.enroll(fixture.enrollmentTokens(ids, count), PkiLoadFixture.csrs(ids, count), this.devices,
					progress);
		}
		else {
			note(err, "enrolling the " + this.devices + " devices once (not measured)");
			List<ClientCertificate> enrolled = fixture.enrollAll(ids);
			report = this.mode.equals("reenroll") ? session.reenroll(reenrolling(ids, enrolled), progress)
					: session.ocsp(issuer(est, enrolled.get(0).certificate()),
							enrolled.stream().map(ClientCertificate::certificate).toList(), this.ocspNonce, progress);
		}
		return LoadCommand.print(this.spec, json, report);
	}

	private List<PkiLoadSession.Enrolled> reenrolling(List<String> ids, List<ClientCertificate> enrolled) {
		List<String> csrs = PkiLoadFixture.csrs(ids, ids.size()); // new keys: a renewal's usual case
		return java.util.stream.IntStream.range(0, ids.size())
			.mapToObj((i) -> new PkiLoadSession.Enrolled(ids.get(i), TlsContext
				.sslContext(this.server.caFile(), enrolled.get(i).keyManagers()).getSocketFactory(), csrs.get(i)))
			.toList();
	}

	/** The device CA: the certificate of {@code cacerts} that issued {@code issued}. */
	private static X509Certificate issuer(EstClient est, X509Certificate issued) {
		return est.cacerts()
			.stream()
			.filter((ca) -> ca.getSubjectX500Principal().equals(issued.getIssuerX500Principal()))
			.findFirst()
			.orElseThrow(() -> new SimException("EST cacerts holds no certificate of the issuer "
					+ issued.getIssuerX500Principal().getName()));
	}

	private static void note(PrintWriter err, String line) {
		err.println("keyfleet-sim load: " + line);
		err.flush();
	}

	private ParameterException usage(String message) {
		return new ParameterException(this.spec.commandLine(), message);
	}

	/** picocli: the modes for help and completion. */
	static final class Modes implements Iterable<String> {

		@Override
		public Iterator<String> iterator() {
			return List.of("token", "enroll", "reenroll", "ocsp").iterator();
		}

	}

}
