package io.keyfleet.auth.provisioning;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.ScriptOutputType;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

import io.keyfleet.auth.keys.Pem;
import io.keyfleet.auth.store.RedisScript;
import io.keyfleet.auth.store.SequencedIndex;
import io.keyfleet.auth.store.StateStore;

/**
 * Enrollment groups in Redis, every key under the hash tag {@code {provisioning}} so the
 * scripts also run on a Redis Cluster: {@code group:<id>} the group as JSON,
 * {@code groups} a sorted set of ids by creation sequence (paging, as the registry does),
 * {@code seq}, {@code group-ids} every id ever used (ids are not reused: devices remember
 * their group by id), {@code ca:<SPKI hash>} the group that holds a CA key, and
 * {@code ca-name:<subject hash>} the groups whose CA has that name.
 *
 * <p>
 * Reads go to Redis every time — a deleted group stops trusting at once on every node —
 * and only the JSON parsing is cached, keyed by the stored text.
 */
public final class EnrollmentGroupStore {

	private static final RedisScript CREATE = RedisScript.fromClasspath("enrollment-group-create",
			ScriptOutputType.INTEGER);

	private static final RedisScript DELETE = RedisScript.fromClasspath("enrollment-group-delete",
			ScriptOutputType.INTEGER);

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.build();

	private final StateStore store;

	private final Cache<String, EnrollmentGroup> parsed = Caffeine.newBuilder().maximumSize(1000).build();

	public EnrollmentGroupStore(StateStore store) {
		this.store = store;
	}

	/**
	 * Stores a new group.
	 * @throws EnrollmentGroupConflictException when the id is or was taken, or the CA is
	 * another group's
	 */
	public void create(EnrollmentGroup group) {
		X509Certificate ca = certificate(group);
		String[] keys = { groupKey(group.id()), indexKey(), key("seq"), key("group-ids"),
				key("ca", group.caFingerprint()), nameKey(ca) };
		long result = this.store.await(CREATE.<Long>run(this.store.async(), keys, group.id(),
				JSON.writeValueAsString(group)));
		if (result == 0) {
			throw new EnrollmentGroupConflictException(
					"enrollment group id " + group.id() + " is taken (ids are never reused)");
		}
		if (result < 0) {
			throw new EnrollmentGroupConflictException("this manufacturer CA belongs to another enrollment group");
		}
	}

	public Optional<EnrollmentGroup> find(String id) {
		return Optional.ofNullable(this.store.await(this.store.async().get(groupKey(id)))).map(this::read);
	}

	/** @return whether the group existed */
	public boolean delete(EnrollmentGroup group) {
		String[] keys = { groupKey(group.id()), indexKey(), key("ca", group.caFingerprint()),
				nameKey(certificate(group)) };
		long deleted = this.store.await(DELETE.<Long>run(this.store.async(), keys, group.id()));
		return deleted > 0;
	}

	/** The groups whose CA is named {@code issuer}: the candidates to have signed a certificate. */
	public List<EnrollmentGroup> issuing(javax.security.auth.x500.X500Principal issuer) {
		Set<String> ids = this.store.await(this.store.async().smembers(key("ca-name", CaFingerprints.name(issuer))));
		if (ids.isEmpty()) {
			return List.of();
		}
		List<EnrollmentGroup> groups = new ArrayList<>();
		this.store.await(this.store.async().mget(ids.stream().map(this::groupKey).toArray(String[]::new)))
			.forEach(kv -> {
				if (kv.hasValue()) {
					groups.add(read(kv.getValue()));
				}
			});
		return groups;
	}

	/** One page of groups in creation order, after the sequence {@code afterSequence}. */
	public SequencedIndex.Page<EnrollmentGroup> page(long afterSequence, int limit) {
		return SequencedIndex.page(this.store, indexKey(), afterSequence, limit, this::groupKey, this::read);
	}

	static X509Certificate certificate(EnrollmentGroup group) {
		return Pem.readCertificates(group.manufacturerCa()).get(0);
	}

	private EnrollmentGroup read(String json) {
		return this.parsed.get(json, text -> JSON.readValue(text, EnrollmentGroup.class));
	}

	private String nameKey(X509Certificate ca) {
		return key("ca-name", CaFingerprints.name(ca.getSubjectX500Principal()));
	}

	private String groupKey(String id) {
		return key("group", id);
	}

	private String indexKey() {
		return key("groups");
	}

	private String key(String... parts) {
		String[] all = new String[parts.length + 1];
		all[0] = "{provisioning}";
		System.arraycopy(parts, 0, all, 1, parts.length);
		return this.store.key(all);
	}

}
