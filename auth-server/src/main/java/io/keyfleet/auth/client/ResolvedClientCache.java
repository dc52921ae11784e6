package io.keyfleet.auth.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Each node's bounded cache of {@link ResolvedClient}s, kept coherent by Redis pub/sub:
 * every registry write publishes the client id and {@link RegistryChangeSubscriber} drops
 * the entry on every node — on the writing node already before the write returns
 * ({@link ClientRegistry#onLocalChange}). So the token endpoint reads no registry key
 * from Redis in steady state, and a suspension still takes effect at once.
 *
 * <p>
 * Fail-closed rules: the cache is only used while the invalidation subscription is
 * live; when it drops, the cache is emptied and every lookup goes to Redis until the
 * subscription is back. A load that races with an invalidation is not stored (an epoch
 * counter detects it), so a stale record can never be cached after its change notice.
 */
public final class ResolvedClientCache {

	private static final ResolvedClient ABSENT = new ResolvedClient(null, null, null);

	private final ClientRegistry registry;

	private final ClientResolver resolver;

	private final Cache<String, ResolvedClient> cache;

	private final AtomicLong epoch = new AtomicLong();

	private volatile boolean live;

	public ResolvedClientCache(ClientRegistry registry, ClientResolver resolver, long maximumSize) {
		this.registry = registry;
		this.resolver = resolver;
		this.cache = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(Duration.ofMinutes(10)).build();
		registry.onLocalChange(this::invalidate);
	}

	/** The client with this id, from the cache when it can be trusted, else from Redis. */
	public Optional<ResolvedClient> find(String id) {
		if (this.live) {
			ResolvedClient cached = this.cache.getIfPresent(id);
			if (cached != null) {
				return (cached == ABSENT) ? Optional.empty() : Optional.of(cached);
			}
		}
		long before = this.epoch.get();
		Optional<ResolvedClient> loaded = this.registry.find(id).map(this.resolver::resolve);
		if (this.live) {
			// store, then re-check: an invalidation between the read and the put drops it again
			this.cache.put(id, loaded.orElse(ABSENT));
			if (this.epoch.get() != before) {
				this.cache.invalidate(id);
			}
		}
		return loaded;
	}

	/** A client changed somewhere: forget it. */
	public void invalidate(String id) {
		this.epoch.incrementAndGet();
		this.cache.invalidate(id);
	}

	/** Invalidation notices may have been missed: forget everything. */
	public void invalidateAll() {
		this.epoch.incrementAndGet();
		this.cache.invalidateAll();
	}

	/** Called when the invalidation subscription comes up or goes down. */
	public void setLive(boolean live) {
		invalidateAll();
		this.live = live;
		invalidateAll();
	}

	public boolean isLive() {
		return this.live;
	}

}
