package io.keyfleet.sim.fleet;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;

import io.keyfleet.sim.BouncyCastle;
import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.Pem;
import io.keyfleet.sim.admin.AdminApiException;
import io.keyfleet.sim.admin.AdminClient;
import io.keyfleet.sim.admin.ImportResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates a fleet: makes each device's key pair locally (EC P-256, the private key never
 * leaves the machine), registers the devices through the admin API, and keeps every device
 * that the server registered in the {@link FleetStore}, with its private key or the secret
 * the server generated for it. One device is registered with {@code POST /api/v1/devices};
 * more are imported as NDJSON ({@code POST /api/v1/devices:import}) in batches of
 * {@link #setBatchSize(int) 1,000 lines}, so that the fleet is never held whole in memory or
 * in one request. Only what the server confirmed is stored.
 */
public final class FleetCreator {

	private final AdminClient admin;

	private final FleetStore store;

	private final DeviceTemplate template;

	private final Clock clock;

	private int batchSize = 1000;

	private RegistrationExtension extension = RegistrationExtension.NONE;

	public FleetCreator(AdminClient admin, FleetStore store, DeviceTemplate template, Clock clock) {
		this.admin = Objects.requireNonNull(admin, "admin cannot be null");
		this.store = Objects.requireNonNull(store, "store cannot be null");
		this.template = Objects.requireNonNull(template, "template cannot be null");
		this.clock = Objects.requireNonNull(clock, "clock cannot be null");
	}

	/**
	 * @param batchSize lines per import request, 1 or more
	 */
	public void setBatchSize(int batchSize) {
		if (batchSize < 1) {
			throw new IllegalArgumentException("batchSize must be 1 or more");
		}
		this.batchSize = batchSize;
	}

	/**
	 * @param extension adds to each registration, e.g. the device's attestation
	 */
	public void setExtension(RegistrationExtension extension) {
		this.extension = Objects.requireNonNull(extension, "extension cannot be null");
	}

	/**
	 * @param ids the ids of the devices to create
	 * @return what was created and what the server refused
	 */
	public Report create(List<String> ids) {
		if (ids.size() == 1) {
			return createOne(ids.get(0));
		}
		Report report = new Report(new ArrayList<>(), new ArrayList<>());
		int offset = 0;
		for (int size : NdjsonBatch.sizes(ids.size(), this.batchSize)) {
			importBatch(ids.subList(offset, offset + size), offset, report);
			offset += size;
		}
		return report;
	}

	private Report createOne(String id) {
		KeyPair keyPair = this.template.method().usesKey() ? EcKeys.generate(BouncyCastle.PROVIDER) : null;
		Report report = new Report(new ArrayList<>(), new ArrayList<>());
		try {
			ObjectNode registration = this.template.registration(id, keyPair);
			this.extension.extend(id, registration);
			JsonNode stored = this.admin.registerDevice(registration);
			keep(id, keyPair, stored.path("client_secret").asString(null), report, 1);
		}
		catch (AdminApiException ex) {
			if (ex.status() != 400 && ex.status() != 409) {
				throw ex;
			}
			report.failed().add(new Failure(id, 1, ex.status(), ex.getMessage()));
		}
		return report;
	}

	private void importBatch(List<String> ids, int offset, Report report) {
		KeyPair[] keyPairs = !this.template.method().usesKey() ? new KeyPair[ids.size()]
				: IntStream.range(0, ids.size())
					.parallel()
					.mapToObj((i) -> EcKeys.generate(BouncyCastle.PROVIDER))
					.toArray(KeyPair[]::new);
		NdjsonBatch batch = new NdjsonBatch();
		for (int i = 0; i < ids.size(); i++) {
			ObjectNode registration = this.template.registration(ids.get(i), keyPairs[i]);
			this.extension.extend(ids.get(i), registration);
			batch.add(registration);
		}
		ImportResult result = this.admin.importDevices(batch.body());
		Set<String> refused = new HashSet<>();
		for (ImportResult.Failure failure : result.failed()) {
			String id = batch.idAtLine(failure.line());
			refused.add(id);
			report.failed().add(new Failure(id, offset + failure.line(), failure.status(), failure.detail()));
		}
		for (int i = 0; i < ids.size(); i++) {
			if (!refused.contains(ids.get(i))) {
				keep(ids.get(i), keyPairs[i], result.secrets().get(ids.get(i)), report, offset + i + 1);
			}
		}
	}

	private void keep(String id, KeyPair keyPair, String secret, Report report, int number) {
		if (this.template.method().usesSecret() && (secret == null || secret.isEmpty())) {
			report.failed().add(new Failure(id, number, 0, "registered, but the server returned no client_secret"));
			return;
		}
		String keyId = (keyPair != null) ? DeviceTemplate.publicJwk(keyPair).getKeyID() : null;
		String pem = (keyPair != null) ? Pem.encodePrivateKey(keyPair.getPrivate()) : null;
		Instant now = this.clock.instant();
		this.store.save(new DeviceRecord(id, this.template.method(), this.template.model(), keyId, pem,
				this.template.method().usesSecret() ? secret : null, this.template.scopes(),
				this.template.resources(), now));
		this.extension.keep(id);
		report.created().add(id);
	}

	/**
	 * A device the server did not register.
	 *
	 * @param id its id
	 * @param number its position in the request, from 1
	 * @param status the HTTP status the server gave it (400, 409, ...)
	 * @param detail why
	 */
	public record Failure(String id, int number, int status, String detail) {
	}

	/**
	 * The outcome of {@link #create(List)}.
	 *
	 * @param created the ids registered and stored
	 * @param failed the devices refused
	 */
	public record Report(List<String> created, List<Failure> failed) {
	}

}
