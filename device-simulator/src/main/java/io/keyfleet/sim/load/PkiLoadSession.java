package io.keyfleet.sim.load;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLSocketFactory;

import io.keyfleet.sim.ClientAuthMethod;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import tools.jackson.databind.node.ArrayNode;

/**
 * One device-PKI load run ({@code load --mode enroll|reenroll|ocsp}): the material was
 * prepared beforehand ({@link PkiFixture}, not measured); this runs the warmup and the
 * measured phase of one {@link PkiOperation} with the plan's workers, each with its own
 * kept-alive connection, and reports like a token run, plus the operation's name.
 */
public final class PkiLoadSession {

	private final LoadPlan plan;

	private final URI issuer;

	private final SSLSocketFactory socketFactory;

	private final int timeoutMillis;

	/**
	 * @param plan what to run
	 * @param issuer the server's issuer URL (EST and OCSP are under it)
	 * @param socketFactory trusts the server's CA, presents no certificate
	 * @param timeoutMillis connect and read timeout
	 */
	public PkiLoadSession(LoadPlan plan, URI issuer, SSLSocketFactory socketFactory, int timeoutMillis) {
		this.plan = plan;
		this.issuer = issuer;
		this.socketFactory = socketFactory;
		this.timeoutMillis = timeoutMillis;
	}

	/**
	 * EST {@code simpleenroll}: request {@code i} with token {@code i} and CSR {@code i}.
	 * @param tokens one enrollment token per request
	 * @param csrs one base64 CSR per request
	 * @param devices how many devices the tokens are for
	 * @param showProgress whether to show a progress bar
	 * @return the report
	 */
	public LoadReport enroll(List<String> tokens, List<String> csrs, int devices, boolean showProgress) {
		return run(new EnrollOperation(url("/.well-known/est/simpleenroll"), tokens, csrs), devices, showProgress);
	}

	/**
	 * EST {@code simplereenroll}, each device over its own connection with its certificate.
	 * @param devices the enrolled devices: id, socket factory presenting its certificate, base64 CSR
	 * @param showProgress whether to show a progress bar
	 * @return the report
	 */
	public LoadReport reenroll(List<Enrolled> devices, boolean showProgress) {
		List<ReenrollOperation.EnrolledDevice> enrolled = devices.stream()
			.map((device) -> new ReenrollOperation.EnrolledDevice(device.id(), device.socketFactory(),
					PkiOperation.ascii(device.csr())))
			.toList();
		return run(new ReenrollOperation(url("/.well-known/est/simplereenroll"), enrolled), devices.size(),
				showProgress);
	}

	/**
	 * OCSP over {@code POST /pki/ocsp}, round robin over the certificates.
	 * @param issuerCertificate the device CA, which issued them
	 * @param certificates the certificates to ask about
	 * @param nonce whether each request carries a nonce (RFC 8954)
	 * @param showProgress whether to show a progress bar
	 * @return the report
	 */
	public LoadReport ocsp(X509Certificate issuerCertificate, List<X509Certificate> certificates, boolean nonce,
			boolean showProgress) {
		List<CertificateID> ids = new ArrayList<>();
		try {
			JcaX509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuerCertificate);
			for (X509Certificate certificate : certificates) {
				// RFC 6960 4.1.1: CertID with SHA-1 hashes of the issuer's name and key (what openssl ocsp sends)
				ids.add(new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
						issuerHolder, certificate.getSerialNumber()));
			}
		}
		catch (java.security.cert.CertificateEncodingException | OperatorCreationException | OCSPException ex) {
			throw new IllegalStateException("cannot make OCSP certificate ids: " + ex.getMessage(), ex);
		}
		return run(new OcspOperation(url("/pki/ocsp"), ids, nonce), certificates.size(), showProgress);
	}

	private LoadReport run(PkiOperation operation, int devices, boolean showProgress) {
		try (Runner runner = new Runner(operation)) {
			Phase measured = LoadSession.measure(this.plan, runner, showProgress);
			LoadReport report = LoadReport.of(this.plan, measured, Map.of(ClientAuthMethod.TLS_CLIENT_AUTH.value(),
					(long) devices), runner.connectionsOpened());
			report.json().put("operation", operation.name());
			// the token endpoint's hints do not apply: EST has its own per-address limit, OCSP none
			ArrayNode hints = report.json().putArray("hints");
			if (measured.errors.snapshot().keySet().stream().anyMatch((kind) -> kind.startsWith("http_429"))) {
				hints.add("requests were refused with 429: EST simpleenroll and simplereenroll share one per-address "
						+ "limit (default 1,000/s, burst 2,000); for benchmarks start the server with "
						+ "--keyfleet.rate-limit.est-per-address-rate=1000000 "
						+ "--keyfleet.rate-limit.est-per-address-burst=1000000.");
			}
			return report;
		}
	}

	private URI url(String path) {
		return URI.create(this.issuer + path);
	}

	/**
	 * An enrolled device of a {@code reenroll} run.
	 *
	 * @param id the device id
	 * @param socketFactory presents its operational certificate
	 * @param csr the base64 CSR it sends (its current key)
	 */
	public record Enrolled(String id, SSLSocketFactory socketFactory, String csr) {
	}

	/** The plan's workers, each with its own connection, and the per-device connections. */
	private final class Runner implements PhaseRunner {

		private final List<PkiWorker> workers = new ArrayList<>();

		private final DeviceConnections perDevice;

		private Runner(PkiOperation operation) {
			URI target = url("/");
			this.perDevice = new DeviceConnections(target, PkiLoadSession.this.timeoutMillis);
			for (int i = 0; i < PkiLoadSession.this.plan.concurrency(); i++) {
				this.workers.add(new PkiWorker(operation, new Http1Connection(PkiLoadSession.this.socketFactory, target,
						PkiLoadSession.this.timeoutMillis), this.perDevice));
			}
		}

		@Override
		public Phase run(Phase phase) {
			return PhaseLoop.runAll(this.workers, phase);
		}

		@Override
		public int connectionsOpened() {
			return this.workers.stream().mapToInt(PkiWorker::connectionsOpened).sum() + this.perDevice.opened();
		}

		@Override
		public void close() {
			this.workers.forEach(PkiWorker::close);
			this.perDevice.close();
		}

	}

}
