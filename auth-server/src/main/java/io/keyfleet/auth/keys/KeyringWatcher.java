package io.keyfleet.auth.keys;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import io.keyfleet.auth.store.StateStore;
import io.keyfleet.auth.store.StateStoreUnavailableException;

/**
 * Keeps this node's keys in step with the keyring: reloads on every change notice
 * (pub/sub), and runs {@link ScheduledRotation} every {@code check-interval}, which also
 * catches changes whose notice was missed (the subscription was down). Both run on one
 * thread of their own, never on Lettuce's event loop. While Redis is down the last keyring
 * stays in use: its keys keep signing and stay published.
 */
public final class KeyringWatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(KeyringWatcher.class);

	private final StateStore store;

	private final KeyringStore keyring;

	private final KeyRotation rotation;

	private final Runnable scheduled;

	private volatile ScheduledExecutorService executor;

	private volatile StatefulRedisPubSubConnection<String, String> connection;

	public KeyringWatcher(StateStore store, KeyringStore keyring, KeyRotation rotation) {
		this.store = store;
		this.keyring = keyring;
		this.rotation = rotation;
		this.scheduled = new ScheduledRotation(rotation);
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "keyfleet-keyring");
			thread.setDaemon(true);
			return thread;
		});
		this.executor = executor;
		StatefulRedisPubSubConnection<String, String> pubSub = this.store.connectPubSub();
		pubSub.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(String channel, String message) {
				if (KeyringWatcher.this.keyring.key().equals(message)) {
					executor.execute(() -> guarded("reload", KeyringWatcher.this.rotation::reload));
				}
			}

			@Override
			public void subscribed(String channel, long count) {
				// (re)subscribed, e.g. after a reconnect: catch up on what was missed
				executor.execute(() -> guarded("reload", KeyringWatcher.this.rotation::reload));
			}
		});
		this.connection = pubSub;
		this.store.await(pubSub.async().subscribe(this.keyring.channel()));
		long interval = this.rotation.properties().checkInterval().toMillis();
		executor.scheduleWithFixedDelay(() -> guarded("scheduled check", this.scheduled), interval, interval,
				TimeUnit.MILLISECONDS);
	}

	private static void guarded(String what, Runnable task) {
		try {
			task.run();
		}
		catch (StateStoreUnavailableException ex) {
			log.warn("Signing keyring {} skipped, the state store is unavailable; keeping the last keyring: {}", what,
					ex.getMessage());
		}
		catch (RuntimeException ex) {
			log.error("Signing keyring {} failed; keeping the last keyring", what, ex);
		}
	}

	@Override
	public void stop() {
		StatefulRedisPubSubConnection<String, String> pubSub = this.connection;
		if (pubSub != null) {
			pubSub.close();
		}
		this.connection = null;
		ScheduledExecutorService executor = this.executor;
		if (executor != null) {
			executor.shutdownNow();
		}
		this.executor = null;
	}

	@Override
	public boolean isRunning() {
		return this.connection != null;
	}

	@Override
	public int getPhase() {
		// before the web server starts taking requests
		return Integer.MIN_VALUE + 100;
	}

}
