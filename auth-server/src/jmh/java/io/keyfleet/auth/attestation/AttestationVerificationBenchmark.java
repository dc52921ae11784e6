package io.keyfleet.auth.attestation;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.ECKey;
import com.sun.net.httpserver.HttpServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import io.keyfleet.auth.attestation.ear.EarEvidenceVerifier;
import io.keyfleet.auth.attestation.ear.EarVerifier;
import io.keyfleet.auth.attestation.ear.TestEars;
import io.keyfleet.auth.attestation.eat.EatEvidenceVerifier;
import io.keyfleet.auth.attestation.tpm.Tpm2QuoteEvidenceVerifier;
import io.keyfleet.auth.clientauth.TrustedCertificateAuthorities;
import io.keyfleet.auth.support.TestDevices;
import io.keyfleet.auth.support.TestEvidence;

/**
 * CPU per evidence verification (RFC 9334 §3.2 Verifier role), one thread, for each
 * {@code attestation_format}: {@code eat} (RFC 9711, ES256 under the registered key),
 * {@code tpm2-quote} (the real swtpm quotes of the fixtures, ECC and RSA attestation
 * keys) and {@code ear} (draft-ietf-rats-ear, ES256, the verifier's JWKS fetched once and
 * cached as at the server). Verification only: appraisal against a policy is a few map
 * look-ups. The nonce check accepts everything (benchmark only) so that repeated runs
 * neither fail nor measure Redis. Goals: TPM quote ≤ 1 ms, EAT ≤ 0.5 ms.
 *
 * <p>
 * Run: {@code ./mvnw -pl auth-server -Pbench test-compile exec:exec -Dbench.args="-f 1 -wi 3 -i 5"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AttestationVerificationBenchmark {

	private static final String CHALLENGE = "c".repeat(43);

	private static final String UEID = "AQIDBAUGBwgJ";

	/** Accepts every nonce: the challenge store is Redis, not what is measured here. */
	private static final NonceCheck ACCEPT = (nonce) -> true;

	private final EatEvidenceVerifier eatVerifier = new EatEvidenceVerifier(new TrustedCertificateAuthorities(List.of()));

	private final Tpm2QuoteEvidenceVerifier tpmVerifier = new Tpm2QuoteEvidenceVerifier();

	private EarEvidenceVerifier earVerifier;

	private HttpServer jwksServer;

	private final AtomicInteger jwksFetches = new AtomicInteger();

	private DeviceAttestation eatDevice;

	private String eatEvidence;

	private DeviceAttestation tpmEccDevice;

	private String tpmEccEvidence;

	private DeviceAttestation tpmRsaDevice;

	private String tpmRsaEvidence;

	private DeviceAttestation earDevice;

	private String earEvidence;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		ECKey eatKey = TestDevices.ecKey("eat-bench");
		this.eatDevice = new DeviceAttestation("dev-eat", "KF-EDGE-100", true, List.of("eat"),
				eatKey.toPublicJWK().toJSONObject(), null, UEID);
		this.eatEvidence = TestEvidence.eat(eatKey, UEID, CHALLENGE).sign();

		TpmFixtures.Case ecc = fixture("ecc/valid-1");
		this.tpmEccDevice = new DeviceAttestation("dev-tpm-ecc", "KF-TPM", true, List.of("tpm2-quote"), null,
				ecc.akPem(), null);
		this.tpmEccEvidence = ecc.evidence();
		TpmFixtures.Case rsa = fixture("rsa/valid-1");
		this.tpmRsaDevice = new DeviceAttestation("dev-tpm-rsa", "KF-TPM", true, List.of("tpm2-quote"), null,
				rsa.akPem(), null);
		this.tpmRsaEvidence = rsa.evidence();

		ECKey verifierKey = TestEars.newKey("verifier-bench");
		byte[] jwks = TestEars.jwks(verifierKey).getBytes(StandardCharsets.UTF_8);
		this.jwksServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.jwksServer.createContext("/jwks", (exchange) -> {
			this.jwksFetches.incrementAndGet();
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, jwks.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(jwks);
			}
		});
		this.jwksServer.start();
		URI jwksUrl = URI.create("http://127.0.0.1:" + this.jwksServer.getAddress().getPort() + "/jwks");
		this.earVerifier = new EarEvidenceVerifier(
				new EarVerifier(jwksUrl, null, Duration.ofSeconds(2), Duration.ofHours(1), Clock.systemUTC()));
		this.earDevice = new DeviceAttestation("dev-ear", "KF-EDGE-100", true, List.of("ear"), null, null, UEID);
		this.earEvidence = TestEars.ear(verifierKey, Instant.now(), CHALLENGE).ueid(UEID).sign();

		// what is measured is the accepting path: each must verify before the runs start
		check(eat(), "eat");
		check(tpm2QuoteEcc(), "tpm2-quote");
		check(tpm2QuoteRsa(), "tpm2-quote");
		check(ear(), "ear");
		if (ear().claims().verifierStatus() != AttestationStatus.AFFIRMING) {
			throw new IllegalStateException("the benchmark EAR is not affirming");
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.jwksServer.stop(0);
		// the EAR figure must not include HTTP: the JWKS is cached as at the server
		System.out.println("JWKS fetched " + this.jwksFetches.get() + " time(s)");
	}

	@Benchmark
	public VerifiedEvidence eat() {
		return this.eatVerifier.verify(this.eatEvidence, this.eatDevice, ACCEPT);
	}

	@Benchmark
	public VerifiedEvidence tpm2QuoteEcc() {
		return this.tpmVerifier.verify(this.tpmEccEvidence, this.tpmEccDevice, ACCEPT);
	}

	@Benchmark
	public VerifiedEvidence tpm2QuoteRsa() {
		return this.tpmVerifier.verify(this.tpmRsaEvidence, this.tpmRsaDevice, ACCEPT);
	}

	@Benchmark
	public VerifiedEvidence ear() {
		return this.earVerifier.verify(this.earEvidence, this.earDevice, ACCEPT);
	}

	private static TpmFixtures.Case fixture(String id) {
		return TpmFixtures.cases().stream().filter((c) -> c.id().equals(id)).findFirst().orElseThrow();
	}

	private static void check(VerifiedEvidence verified, String format) {
		if (!format.equals(verified.format())) {
			throw new IllegalStateException("verified as " + verified.format() + ", not " + format);
		}
	}

}
