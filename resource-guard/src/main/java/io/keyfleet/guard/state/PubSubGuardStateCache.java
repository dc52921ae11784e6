package io.keyfleet.guard.state;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * {@link CacheMode#PUBSUB}: a subscription to {@code <prefix>guard:invalidate}, on which
 * the auth-server publishes the full name of every guard-state key it changes
 * (docs/guard-state.md). Each message drops that key from the local copy; reads go over
 * the guard's shared command connection.
 *
 * <p>
 * The subscription connection does not reconnect by itself: messages published while it
 * is down are lost for good, so after a loss the supervisor subscribes anew and only then
 * drops the copy and answers again. Relies on every writer publishing a notice.
 */
public final class PubSubGuardStateCache extends SupervisedGuardStateCache {

	private final RedisClient client;

	private final String channel;

	private volatile @Nullable StatefulRedisPubSubConnection<String, String> subscription;

	/**
	 * @param redis the guard's Redis client
	 * @param channel the invalidation channel, prefix included
	 * @param maxEntries bound of the local copy
	 * @param heartbeatInterval how often the subscription connection is probed
	 */
	public PubSubGuardStateCache(GuardRedis redis, String channel, int maxEntries, Duration heartbeatInterval) {
		super(redis, maxEntries, heartbeatInterval, "pubsub");
		Assert.hasText(channel, "channel cannot be empty");
		this.channel = channel;
		this.client = redis.newClient(false);
	}

	@Override
	protected void open() {
		StatefulRedisPubSubConnection<String, String> opened = this.client.connectPubSub(StringCodec.UTF8);
		this.subscription = opened;
		opened.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(String channel, String key) {
				PubSubGuardStateCache.this.local.invalidate(key);
			}
		});
		opened.addListener(new RedisConnectionStateListener() {
			@Override
			public void onRedisDisconnected(RedisChannelHandler<?, ?> closed) {
				if (PubSubGuardStateCache.this.subscription == opened) {
					connectionLost("the invalidation subscription to the state store was lost");
				}
			}
		});
		this.redis.await(opened.async().subscribe(this.channel));
		// reads go over the command connection: make sure it is there too
		this.redis.await(this.redis.commands().ping());
		if (!opened.isOpen()) {
			throw new IllegalStateException("the subscription closed while it was set up");
		}
	}

	@Override
	protected CompletionStage<String> fetch(String key) {
		return this.redis.commands().get(key);
	}

	@Override
	protected CompletionStage<?> ping() {
		StatefulRedisPubSubConnection<String, String> current = this.subscription;
		if (current == null) {
			throw new GuardStateUnavailableException("the subscription is not open");
		}
		return current.async().ping();
	}

	@Override
	protected void closeConnections() {
		StatefulRedisPubSubConnection<String, String> current = this.subscription;
		this.subscription = null;
		if (current != null) {
			current.closeAsync();
		}
	}

	@Override
	public void close() {
		super.close();
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
	}

}
