package io.keyfleet.auth.pki;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The CRL this node serves: rebuilt when a certificate was revoked anywhere (the shared
 * revocation counter moved) or when half of the current one's validity has passed, so
 * that relying parties always get one well before its {@code nextUpdate}. Between those,
 * every request costs one Redis GET.
 */
public final class CurrentCrl {

	private final CertificateStore store;

	private final CrlBuilder builder;

	private final Duration validity;

	private final Clock clock;

	private volatile Cached cached;

	public CurrentCrl(CertificateStore store, CrlBuilder builder, Duration validity, Clock clock) {
		this.store = store;
		this.builder = builder;
		this.validity = validity;
		this.clock = clock;
	}

	/** The DER CRL. */
	public byte[] der() {
		long revocations = this.store.revocationCount();
		Instant now = this.clock.instant();
		Cached current = this.cached;
		if (current != null && current.revocations() == revocations && now.isBefore(current.refreshAt())) {
			return current.der();
		}
		synchronized (this) {
			current = this.cached;
			if (current != null && current.revocations() == revocations && now.isBefore(current.refreshAt())) {
				return current.der();
			}
			byte[] der = this.builder.build(this.store.revoked(), this.store.nextCrlNumber(), now,
					now.plus(this.validity));
			this.cached = new Cached(revocations, der, now.plus(this.validity.dividedBy(2)));
			return der;
		}
	}

	private record Cached(long revocations, byte[] der, Instant refreshAt) {
	}

}
