package io.keyfleet.guard.state;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What both {@link CacheMode}s share: the local copy, the fail-closed flag, and one
 * supervisor thread that opens the invalidation connection, probes it every heartbeat
 * interval, and after a loss reopens it (100 ms, then backing off to 2 s).
 *
 * <p>
 * Order matters on both edges. On loss: mark unavailable, then drop the copy — so no
 * request answers from a copy that may miss invalidations. On (re)connect: start the
 * invalidations (tracking on, or subscribed) first, then drop the copy, then mark
 * available — so every value cached afterwards was read while invalidations flowed.
 */
abstract class SupervisedGuardStateCache implements GuardStateCache {

	private static final long SUPERVISE_EVERY_MS = 50;

	private static final Duration FIRST_RETRY = Duration.ofMillis(100);

	private static final Duration MAX_RETRY = Duration.ofSeconds(2);

	protected final Log logger = LogFactory.getLog(getClass());

	protected final LocalStateCache local;

	protected final GuardRedis redis;

	private final Duration heartbeatInterval;

	private final ScheduledExecutorService supervisor;

	private final LongAdder loads = new LongAdder();

	private final Object lock = new Object();

	private volatile boolean available;

	private volatile boolean closed;

	private volatile String unavailableReason = "the state store is not connected yet";

	private boolean lostWhileOpening;

	private long nextAttemptNanos;

	private Duration retryDelay = FIRST_RETRY;

	private long lastHeartbeatNanos;

	SupervisedGuardStateCache(GuardRedis redis, int maxEntries, Duration heartbeatInterval, String name) {
		Assert.notNull(redis, "redis cannot be null");
		Assert.notNull(heartbeatInterval, "heartbeatInterval cannot be null");
		this.redis = redis;
		this.heartbeatInterval = heartbeatInterval;
		// a safety net only: invalidations keep the copy exact, entries are re-read hourly
		this.local = new LocalStateCache(maxEntries, Duration.ofHours(1));
		this.supervisor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "keyfleet-guard-" + name);
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Starts connecting in the background; {@link #get} fails closed until connected. */
	public void start() {
		this.supervisor.scheduleWithFixedDelay(this::supervise, 0, SUPERVISE_EVERY_MS, TimeUnit.MILLISECONDS);
	}

	@Override
	public @Nullable String get(String key) {
		if (!this.available) {
			throw new GuardStateUnavailableException(this.unavailableReason);
		}
		LocalStateCache.Lookup cached = this.local.lookup(key);
		if (cached.hit()) {
			return cached.value();
		}
		long stamp = this.local.stamp(key);
		String value = this.redis.await(fetch(key));
		this.loads.increment();
		this.local.store(key, value, stamp);
		return value;
	}

	@Override
	public boolean isAvailable() {
		return this.available;
	}

	@Override
	public long loads() {
		return this.loads.sum();
	}

	/** Keys currently held in the local copy (tests and metrics). */
	public long cachedKeys() {
		return this.local.size();
	}

	/** Opens the invalidation connection and starts invalidations; throws when it cannot. */
	protected abstract void open() throws Exception;

	/** Closes whatever {@link #open} opened; must not throw. */
	protected abstract void closeConnections();

	/** Reads a key from Redis. */
	protected abstract CompletionStage<String> fetch(String key);

	/** Probes the invalidation connection. */
	protected abstract CompletionStage<?> ping();

	/**
	 * Called (from any thread) when the invalidation connection is lost: fails closed at
	 * once and lets the supervisor reconnect.
	 * @param reason for the log and the 503s meanwhile
	 */
	protected final void connectionLost(String reason) {
		synchronized (this.lock) {
			if (!this.available || this.closed) {
				this.lostWhileOpening = true;
				return;
			}
			this.available = false;
			this.unavailableReason = reason;
			this.local.invalidateAll();
			this.nextAttemptNanos = 0;
			this.retryDelay = FIRST_RETRY;
		}
		this.logger.warn("Keyfleet guard: " + reason + "; denying until the state store is back");
		if (!this.supervisor.isShutdown()) {
			this.supervisor.execute(this::supervise);
		}
	}

	private void supervise() {
		if (this.closed) {
			return;
		}
		try {
			if (this.available) {
				heartbeat();
			}
			else {
				reconnect();
			}
		}
		catch (RuntimeException ex) {
			this.logger.debug("Keyfleet guard supervisor", ex);
		}
	}

	private void heartbeat() {
		long now = System.nanoTime();
		if (now - this.lastHeartbeatNanos < this.heartbeatInterval.toNanos()) {
			return;
		}
		this.lastHeartbeatNanos = now;
		try {
			this.redis.await(ping());
		}
		catch (RuntimeException ex) {
			// whatever went wrong, an unanswered probe means invalidations may be missed
			connectionLost("the invalidation connection does not answer (" + ex.getMessage() + ")");
		}
	}

	private void reconnect() {
		long now = System.nanoTime();
		if (now - this.nextAttemptNanos < 0) {
			return;
		}
		closeConnections();
		synchronized (this.lock) {
			this.lostWhileOpening = false;
		}
		try {
			open();
		}
		catch (Exception ex) {
			closeConnections();
			synchronized (this.lock) {
				this.unavailableReason = "the state store is unreachable (" + ex.getMessage() + ")";
				this.nextAttemptNanos = System.nanoTime() + this.retryDelay.toNanos();
				this.retryDelay = this.retryDelay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY
						: this.retryDelay.multipliedBy(2);
			}
			this.logger.debug("Keyfleet guard: cannot reach the state store", ex);
			return;
		}
		synchronized (this.lock) {
			if (this.closed) {
				return;
			}
			if (this.lostWhileOpening) {
				// the new connection died before it was trusted: try again at once
				return;
			}
			this.local.invalidateAll();
			this.available = true;
			this.retryDelay = FIRST_RETRY;
			this.lastHeartbeatNanos = System.nanoTime();
		}
		this.logger.info("Keyfleet guard: state store connected (" + getClass().getSimpleName() + ")");
	}

	@Override
	public void close() {
		synchronized (this.lock) {
			this.closed = true;
			this.available = false;
			this.unavailableReason = "the guard is shut down";
		}
		this.supervisor.shutdownNow();
		try {
			this.supervisor.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// the subclass shuts its client down, which closes the connections
	}

}
