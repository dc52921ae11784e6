package io.keyfleet.auth.client;

import java.net.SocketAddress;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import io.keyfleet.auth.store.StateStore;

/**
 * Subscribes to the registry's change channel and keeps {@link ResolvedClientCache}
 * coherent: a notice drops one entry; losing the subscription empties the cache and
 * bypasses it until Lettuce has reconnected and re-subscribed.
 */
public final class RegistryChangeSubscriber implements SmartLifecycle, RedisConnectionStateListener {

	private static final Logger log = LoggerFactory.getLogger(RegistryChangeSubscriber.class);

	private final StateStore store;

	private final String channel;

	private final ResolvedClientCache cache;

	private volatile StatefulRedisPubSubConnection<String, String> connection;

	public RegistryChangeSubscriber(StateStore store, String channel, ResolvedClientCache cache) {
		this.store = store;
		this.channel = channel;
		this.cache = cache;
	}

	@Override
	public void start() {
		this.store.client().addListener(this);
		StatefulRedisPubSubConnection<String, String> pubSub = this.store.connectPubSub();
		pubSub.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(String channel, String message) {
				RegistryChangeSubscriber.this.cache.invalidate(message);
			}

			@Override
			public void subscribed(String channel, long count) {
				RegistryChangeSubscriber.this.cache.setLive(true);
			}
		});
		this.connection = pubSub;
		this.store.await(pubSub.async().subscribe(this.channel));
	}

	@Override
	public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
		if (handler == this.connection) {
			log.warn("Registry change subscription lost; reading clients from Redis until it is back");
			this.cache.setLive(false);
		}
	}

	@Override
	public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
		// live again only once the SUBSCRIBE is confirmed (subscribed callback)
	}

	@Override
	public void onRedisExceptionCaught(RedisChannelHandler<?, ?> handler, Throwable cause) {
	}

	@Override
	public void stop() {
		this.cache.setLive(false);
		StatefulRedisPubSubConnection<String, String> pubSub = this.connection;
		if (pubSub != null) {
			pubSub.close();
		}
		this.connection = null;
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
