package io.keyfleet.auth.keys;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.jose.JWSHeader;

/**
 * A quick (JMH-free) measurement of ES256 token signatures per second with the key in a
 * SoftHSM2 token, beside the same measurement with a file key on the {@link EcdsaProvider}
 * (docs/benchmarks.md, "Token signing in SoftHSM2"). Run with the test classpath and
 * {@code SOFTHSM2_CONF} set, as that section shows. Arguments: seconds per run (default 5)
 * and threads (default 1 and 2).
 */
public final class Pkcs11SigningRate {

	private static final byte[] INPUT = ("eyJhbGciOiJFUzI1NiIsImtpZCI6IngifQ."
			+ "eyJpc3MiOiJodHRwczovL2tleWZsZWV0LmV4YW1wbGUiLCJzdWIiOiJkZXZpY2UtMDAwMSIsImF1ZCI6InJlc291cmNlIn0")
		.getBytes(StandardCharsets.US_ASCII);

	private Pkcs11SigningRate() {
	}

	public static void main(String[] args) throws Exception {
		int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
		SigningKey token = Pkcs11SigningKey.load(SoftHsm.token().properties());
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		SigningKey file = SigningKey.of(generator.generateKeyPair());
		for (int threads : new int[] { 1, 2 }) {
			report("SoftHSM2 (SunPKCS11)", token, threads, seconds);
			report(EcdsaProvider.provider().getName() + " (file key)", file, threads, seconds);
		}
	}

	private static void report(String name, SigningKey key, int threads, int seconds) throws Exception {
		rate(key, threads, seconds); // warm-up: JIT and the provider's session pool
		System.out.printf("%-28s %d thread(s): %,10.0f signatures/s%n", name, threads, rate(key, threads, seconds));
	}

	private static double rate(SigningKey key, int threads, int seconds) throws Exception {
		JWSHeader header = new JWSHeader(key.algorithm());
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			Future<?>[] runs = new Future<?>[threads];
			long[] counts = new long[threads];
			for (int i = 0; i < threads; i++) {
				int slot = i;
				runs[i] = pool.submit(() -> {
					while (System.nanoTime() < end) {
						key.signer().sign(header, INPUT);
						counts[slot]++;
					}
					return null;
				});
			}
			long total = 0;
			for (int i = 0; i < threads; i++) {
				runs[i].get();
				total += counts[i];
			}
			return total / (double) seconds;
		}
		finally {
			pool.shutdown();
		}
	}

}
