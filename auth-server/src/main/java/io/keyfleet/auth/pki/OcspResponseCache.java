package io.keyfleet.auth.pki;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Signed OCSP responses kept for reuse, per {@code CertID}, for requests without a nonce
 * (the RFC 5019 profile: such a response may be produced ahead of the request and served
 * to many, RFC 5019 §2.2, RFC 6960 §2.4). Saves a signature per request, which is most of
 * the cost of an answer, and all of it when the CA key is in an HSM.
 *
 * <p>
 * A cached response is served only while both hold:
 * <ul>
 * <li>no certificate was revoked since it was signed — on any node: each entry carries the
 * shared revocation counter ({@link CertificateStore#revocationCount()}) read <em>before</em>
 * the status it was built from, and every lookup reads the counter again (one Redis GET, as
 * the uncached answer costs for the record). So a revocation is in every node's next answer,
 * as for the CRL ({@link CurrentCrl}), and a revocation racing an answer only makes that
 * answer miss the cache next time;</li>
 * <li>it is younger than {@code keyfleet.pki.ocsp-cache-lifetime}: this bounds everything
 * else, how old {@code thisUpdate} / {@code producedAt} may be when served and how long an
 * expired record's status outlives it. At most half of {@code keyfleet.pki.ocsp-validity},
 * so a served response is always valid for at least half of it.</li>
 * </ul>
 * Requests with a nonce are never answered from here (RFC 8954 §2.1: the nonce binds the
 * response to the request).
 */
final class OcspResponseCache {

	/** Bounds memory: an entry holds one response (about 1 KiB with the CA certificate). */
	static final int MAX_ENTRIES = 10_000;

	private final Duration lifetime;

	private final LongSupplier revocations;

	private final Clock clock;

	private final Cache<String, Entry> entries;

	/**
	 * @param lifetime how long an entry is served; zero turns the cache off
	 * @param validity {@code keyfleet.pki.ocsp-validity}, which the lifetime must stay well within
	 * @param revocations the shared revocation counter
	 */
	OcspResponseCache(Duration lifetime, Duration validity, LongSupplier revocations, Clock clock) {
		if (lifetime.isNegative() || lifetime.compareTo(validity.dividedBy(2)) > 0) {
			throw new IllegalStateException("keyfleet.pki.ocsp-cache-lifetime (" + lifetime
					+ ") must be between 0 and half of keyfleet.pki.ocsp-validity (" + validity + ")");
		}
		this.lifetime = lifetime;
		this.revocations = revocations;
		this.clock = clock;
		this.entries = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(lifetime).build();
	}

	static OcspResponseCache disabled() {
		return new OcspResponseCache(Duration.ZERO, Duration.ZERO, () -> 0, Clock.systemUTC());
	}

	boolean enabled() {
		return !this.lifetime.isZero();
	}

	/** The revocation counter now: read it before the status an answer is built from. */
	long version() {
		return this.revocations.getAsLong();
	}

	/** The cached response for the CertID, or null when there is none still valid at {@code version}. */
	byte[] find(String certId, long version) {
		Entry entry = this.entries.getIfPresent(certId);
		return (entry != null && entry.version() == version && this.clock.instant().isBefore(entry.expiresAt()))
				? entry.der() : null;
	}

	void put(String certId, long version, byte[] der) {
		this.entries.put(certId, new Entry(version, this.clock.instant().plus(this.lifetime), der));
	}

	private record Entry(long version, Instant expiresAt, byte[] der) {
	}

}
