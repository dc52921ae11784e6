package io.keyfleet.auth.pki;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;

import io.keyfleet.auth.store.RedisScript;
import io.keyfleet.auth.store.StateStore;

/**
 * Certificate status in Redis (docs/guard-state.md): {@code cert:<serial>} per issued
 * certificate, {@code device-certs:<device>} (the device's serials),
 * {@code pki:revoked} (serials on the CRL, scored by expiry) and {@code pki:revocations}
 * (a counter every revocation moves, so that all nodes know their CRL is stale). Records
 * live until a day after the certificate expires: long enough for every token bound to it
 * to expire too, after which RFC 5280 §3.3 lets the CRL drop it.
 */
public final class CertificateStore {

	static final Duration RETAIN_AFTER_EXPIRY = Duration.ofDays(1);

	private static final RedisScript RECORD = RedisScript.fromClasspath("pki-record", ScriptOutputType.INTEGER);

	private static final RedisScript REVOKE = RedisScript.fromClasspath("pki-revoke", ScriptOutputType.INTEGER);

	private final StateStore store;

	private final Clock clock;

	public CertificateStore(StateStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/**
	 * Records a certificate just issued, with status {@code good}.
	 * @param standingKey the device's standing ({@link io.keyfleet.auth.client.ClientRegistry#standingKey})
	 * @return false, recording nothing, when the device was retired meanwhile
	 */
	public boolean record(CertificateRecord certificate, String standingKey) {
		long expireAt = certificate.notAfter().plus(RETAIN_AFTER_EXPIRY).toEpochMilli();
		CompletionStage<Long> done = RECORD.run(this.store.async(),
				new String[] { certKey(certificate.serialHex()), this.store.key("device-certs", certificate.device()),
						standingKey },
				certificate.toJson(), Long.toString(expireAt), certificate.serialHex());
		Long recorded = this.store.await(done);
		return recorded != null && recorded == 1L;
	}

	public Optional<CertificateRecord> find(BigInteger serial) {
		String json = this.store.await(this.store.async().get(certKey(serial.toString(16))));
		return Optional.ofNullable(json).map(text -> CertificateRecord.fromJson(serial, text));
	}

	/** The serials of the device's certificates that have not expired long ago. */
	public Set<String> serialsOf(String device) {
		return this.store.await(this.store.async().smembers(this.store.key("device-certs", device)));
	}

	/**
	 * Marks the certificate revoked and tells the guards (one Lua script, so that no node
	 * sees one without the other).
	 * @return {@code false} when no such certificate is known; {@code true} when it is
	 * revoked now or already was (the first reason and time stand)
	 */
	public boolean revoke(BigInteger serial, RevocationReason reason) {
		Optional<CertificateRecord> current = find(serial);
		if (current.isEmpty()) {
			return false;
		}
		String thumbprint = current.get().thumbprint();
		CompletionStage<Long> result = REVOKE.run(this.store.async(),
				new String[] { certKey(serial.toString(16)), this.store.key("cert-revoked", thumbprint),
						this.store.key("pki", "revoked"), revocationCounterKey() },
				reason.name(), Long.toString(this.clock.instant().getEpochSecond()),
				this.store.key("guard", "invalidate"), serial.toString(16), thumbprint);
		return this.store.await(result) >= 0;
	}

	/** Moves whenever a certificate is revoked; {@code 0} before the first revocation. */
	public long revocationCount() {
		String value = this.store.await(this.store.async().get(revocationCounterKey()));
		return (value != null) ? Long.parseLong(value) : 0;
	}

	/** A new, higher CRL number (RFC 5280 §5.2.3), shared by all nodes. */
	public long nextCrlNumber() {
		return this.store.await(this.store.async().incr(this.store.key("pki", "crl-number")));
	}

	/** Every revoked certificate whose record has not expired, for the CRL. */
	public List<CertificateRecord> revoked() {
		String set = this.store.key("pki", "revoked");
		Instant now = this.clock.instant();
		this.store.await(this.store.async().zremrangebyscore(set, Range.create(0, now.toEpochMilli())));
		List<String> serials = this.store.await(this.store.async().zrange(set, 0, -1));
		// one GET each, pipelined: the records may live in different cluster slots
		List<CompletionStage<String>> reads = serials.stream()
			.map(serial -> (CompletionStage<String>) this.store.async().get(certKey(serial)))
			.toList();
		List<Object> records = this.store.awaitAll(reads);
		return java.util.stream.IntStream.range(0, serials.size())
			.filter(i -> records.get(i) != null)
			.mapToObj(i -> CertificateRecord.fromJson(new BigInteger(serials.get(i), 16), (String) records.get(i)))
			.filter(CertificateRecord::revoked)
			.filter(record -> Objects.requireNonNull(record.notAfter()).isAfter(now))
			.toList();
	}

	private String certKey(String serialHex) {
		return this.store.key("cert", serialHex);
	}

	private String revocationCounterKey() {
		return this.store.key("pki", "revocations");
	}

}
