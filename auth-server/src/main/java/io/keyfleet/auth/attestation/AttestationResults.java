package io.keyfleet.auth.attestation;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.SetArgs;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.keyfleet.auth.store.StateStore;

/**
 * Attestation results kept in Redis ({@code attestation:<device id>}) for the policy's
 * max-age, so that every node can let a device in without fresh evidence while its last
 * appraisal stands. A step-up replaces the result with a marker that keeps its expiry, so
 * the device is told to bring fresh evidence ({@code use_fresh_attestation}) rather than
 * merely that it has none.
 */
public final class AttestationResults {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String STEPPED_UP = "{\"stepped_up\":true}";

	private final StateStore store;

	private final Clock clock;

	public AttestationResults(StateStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/**
	 * Keeps a result until it expires, with the claims it was appraised from (re-appraised
	 * against the current policy whenever the result is used); a result without expiry is
	 * not kept.
	 */
	public void put(String deviceId, AttestationResult result, EvidenceClaims claims) {
		if (result.expiresAtMs() == null) {
			return;
		}
		long ttl = result.expiresAtMs() - this.clock.millis();
		if (ttl <= 0) {
			return;
		}
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("status", result.status().wireName());
		json.put("fmt", result.format());
		json.put("iat_ms", result.issuedAtMs());
		json.put("exp_ms", result.expiresAtMs());
		json.put("claims", StoredClaims.write(claims));
		this.store.await(this.store.async().set(key(deviceId), JSON.writeValueAsString(json), SetArgs.Builder.px(ttl)));
	}

	/** The stored entry of a device, read without waiting. */
	public CompletionStage<Entry> find(String deviceId) {
		return this.store.async().get(key(deviceId)).thenApply(AttestationResults::entry);
	}

	/**
	 * Step-up: the stored result no longer counts. The marker keeps a result's expiry, or
	 * lives for {@code withoutResult} when there was none.
	 */
	public void stepUp(String deviceId, Duration withoutResult) {
		String replaced = this.store.await(this.store.async().set(key(deviceId), STEPPED_UP, SetArgs.Builder.xx().keepttl()));
		if (replaced == null) {
			this.store.await(this.store.async().set(key(deviceId), STEPPED_UP, SetArgs.Builder.nx().px(withoutResult.toMillis())));
		}
	}

	/** Forgets a device's result (contraindicated evidence). */
	public void drop(String deviceId) {
		this.store.await(this.store.async().del(key(deviceId)));
	}

	private String key(String deviceId) {
		return this.store.key("attestation", deviceId);
	}

	private static Entry entry(String value) {
		if (value == null) {
			return Entry.NONE;
		}
		try {
			Map<?, ?> json = JSON.readValue(value, Map.class);
			if (Boolean.TRUE.equals(json.get("stepped_up"))) {
				return Entry.STEPPED_UP_ENTRY;
			}
			AttestationStatus status = AttestationStatus.fromWireName(String.valueOf(json.get("status"))).orElse(null);
			if (status == null || !status.acceptable() || !(json.get("fmt") instanceof String format)
					|| !(json.get("iat_ms") instanceof Number iat) || !(json.get("exp_ms") instanceof Number exp)) {
				return Entry.NONE;
			}
			// a result stored before claims were kept with it has none: it must be renewed
			EvidenceClaims claims = json.containsKey("claims") ? StoredClaims.read(json.get("claims")) : null;
			return new Entry(new AttestationResult(status, format, iat.longValue(), exp.longValue()), claims, false);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			// unreadable: as if there were none, so the device must attest again (fail closed)
			return Entry.NONE;
		}
	}

	/**
	 * What Redis holds for a device: a result, the step-up marker, or nothing.
	 *
	 * @param result the stored result, or null
	 * @param claims the claims the result was appraised from, or null (a result stored by
	 * an older version)
	 * @param steppedUp whether the device was stepped up since its last result
	 */
	public record Entry(AttestationResult result, EvidenceClaims claims, boolean steppedUp) {

		static final Entry NONE = new Entry(null, null, false);

		static final Entry STEPPED_UP_ENTRY = new Entry(null, null, true);

	}

}
