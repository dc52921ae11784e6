package io.keyfleet.sim.est;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import io.keyfleet.sim.ClientAuthMethod;
import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.EcdsaProvider;
import io.keyfleet.sim.SimException;
import io.keyfleet.sim.admin.AdminClient;
import io.keyfleet.sim.admin.ImportResult;
import io.keyfleet.sim.binding.ClientCertificate;
import io.keyfleet.sim.fleet.DeviceTemplate;
import io.keyfleet.sim.fleet.NdjsonBatch;

/**
 * What a device-PKI load run needs, made before the measurement: {@code tls_client_auth}
 * devices registered through the admin API ({@code POST /api/v1/devices:import}),
 * enrollment tokens fetched for them, fresh P-256 keys and CSRs (signed with the fast
 * ECDSA provider), and, for {@code reenroll} and {@code ocsp}, each device enrolled once.
 * Admin and EST calls go out from a few threads at once, so that preparing thousands of
 * requests takes seconds, not minutes.
 */
public final class PkiLoadFixture {

	private static final int BATCH = 500;

	private static final int THREADS = 16;

	private final AdminClient admin;

	private final EstClient est;

	private final String idPrefix;

	/**
	 * @param admin the admin API
	 * @param est the server's EST, without a client certificate
	 * @param idPrefix the prefix of the devices' ids
	 */
	public PkiLoadFixture(AdminClient admin, EstClient est, String idPrefix) {
		this.admin = admin;
		this.est = est;
		this.idPrefix = idPrefix;
	}

	/**
	 * @param count how many devices
	 * @return their ids, registered as {@code tls_client_auth} devices ({@code CN=<id>})
	 */
	public List<String> registerDevices(int count) {
		DeviceTemplate template = new DeviceTemplate(ClientAuthMethod.TLS_CLIENT_AUTH, DeviceTemplate.DEFAULT_MODEL,
				DeviceTemplate.DEFAULT_SCOPES, DeviceTemplate.DEFAULT_RESOURCES);
		List<String> ids = IntStream.range(0, count).mapToObj((i) -> String.format("%s%06d", this.idPrefix, i)).toList();
		for (int from = 0; from < count; from += BATCH) {
			NdjsonBatch batch = new NdjsonBatch();
			ids.subList(from, Math.min(count, from + BATCH)).forEach((id) -> batch.add(template.registration(id, null)));
			ImportResult result = this.admin.importDevices(batch.body());
			if (!result.failed().isEmpty()) {
				throw new SimException("registering the load devices failed: " + result.failed().get(0));
			}
		}
		return ids;
	}

	/**
	 * @param ids the devices
	 * @param count how many tokens, round robin over the devices
	 * @return token {@code i} is for device {@code i mod n}
	 */
	public List<String> enrollmentTokens(List<String> ids, int count) {
		return parallel(count, (i) -> this.admin.enrollmentToken(ids.get(i % ids.size())));
	}

	/**
	 * @param ids the devices
	 * @param count how many CSRs, round robin over the devices
	 * @return base64 CSR {@code i}, for a new key, subject {@code CN=<device i mod n>}
	 */
	public static List<String> csrs(List<String> ids, int count) {
		return IntStream.range(0, count).parallel().mapToObj((i) -> {
			KeyPair keyPair = EcKeys.generate(EcdsaProvider.PROVIDER);
			return CertificationRequests.base64(CertificationRequests.create(keyPair, ids.get(i % ids.size()),
					EcdsaProvider.PROVIDER));
		}).toList();
	}

	/**
	 * @param ids the devices
	 * @return each device's operational certificate, enrolled with a fresh token
	 */
	public List<ClientCertificate> enrollAll(List<String> ids) {
		Enroller enroller = new Enroller(this.est);
		return parallel(ids.size(), (i) -> enroller.enroll(ids.get(i), this.admin.enrollmentToken(ids.get(i))));
	}

	private static <T> List<T> parallel(int count, IntFunction<T> task) {
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int index = i;
				futures.add(pool.submit(() -> task.apply(index)));
			}
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof SimException sim) ? sim
					: new SimException("preparing the load run failed: " + ex.getCause(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SimException("interrupted while preparing the load run", ex);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
