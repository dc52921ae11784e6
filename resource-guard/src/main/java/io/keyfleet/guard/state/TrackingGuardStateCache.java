package io.keyfleet.guard.state;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushListener;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.codec.StringCodec;
import org.jspecify.annotations.Nullable;

/**
 * {@link CacheMode#TRACKING}: Redis server-assisted client-side caching. Keys are read
 * over one dedicated RESP3 connection on which {@code CLIENT TRACKING ON} is set; Redis
 * remembers every key read on it — a key that does not exist too — and pushes an
 * {@code invalidate} message on the same connection when one of them changes (or
 * {@code null}, meaning all of them, when the whole database was emptied). Because replies and pushes
 * share the connection they arrive in order, and {@link LocalStateCache}'s epochs settle
 * the remaining race with the thread that stores a reply.
 *
 * <p>
 * The connection does not reconnect by itself: tracking is a property of the
 * connection, so after a loss the supervisor opens a new one, turns tracking on again and
 * only then drops the copy and answers again. Independent of who writes the keys: the
 * server tracks them, whether or not the writer also publishes a notice.
 *
 * @see <a href="https://redis.io/docs/latest/develop/reference/client-side-caching/">Redis
 * client-side caching</a>
 */
public final class TrackingGuardStateCache extends SupervisedGuardStateCache {

	private final RedisClient client;

	private volatile @Nullable StatefulRedisConnection<String, String> connection;

	/**
	 * @param redis the guard's Redis client
	 * @param maxEntries bound of the local copy
	 * @param heartbeatInterval how often the tracking connection is probed
	 */
	public TrackingGuardStateCache(GuardRedis redis, int maxEntries, Duration heartbeatInterval) {
		super(redis, maxEntries, heartbeatInterval, "tracking");
		this.client = redis.newClient(false);
	}

	@Override
	protected void open() {
		StatefulRedisConnection<String, String> opened = this.client.connect(StringCodec.UTF8);
		this.connection = opened;
		opened.addListener(new InvalidationListener());
		opened.addListener(new RedisConnectionStateListener() {
			@Override
			public void onRedisDisconnected(RedisChannelHandler<?, ?> closed) {
				if (TrackingGuardStateCache.this.connection == opened) {
					connectionLost("the tracking connection to the state store was lost");
				}
			}
		});
		this.redis.await(opened.async().clientTracking(TrackingArgs.Builder.enabled()));
		if (!opened.isOpen()) {
			throw new IllegalStateException("the tracking connection closed while it was set up");
		}
	}

	@Override
	protected CompletionStage<String> fetch(String key) {
		StatefulRedisConnection<String, String> current = this.connection;
		if (current == null) {
			throw new GuardStateUnavailableException("the tracking connection is not open");
		}
		return current.async().get(key);
	}

	@Override
	protected CompletionStage<?> ping() {
		StatefulRedisConnection<String, String> current = this.connection;
		if (current == null) {
			throw new GuardStateUnavailableException("the tracking connection is not open");
		}
		return current.async().ping();
	}

	@Override
	protected void closeConnections() {
		StatefulRedisConnection<String, String> current = this.connection;
		this.connection = null;
		if (current != null) {
			current.closeAsync();
		}
	}

	@Override
	public void close() {
		super.close();
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
	}

	/** Applies Redis' {@code invalidate} pushes to the local copy. */
	private final class InvalidationListener implements PushListener {

		@Override
		public void onPushMessage(PushMessage message) {
			if (!"invalidate".equals(message.getType())) {
				return;
			}
			List<Object> content = message.getContent(StringCodec.UTF8::decodeKey);
			Object keys = (content.size() > 1) ? content.get(1) : null;
			if (keys instanceof List<?> names) {
				for (Object name : names) {
					TrackingGuardStateCache.this.local.invalidate(String.valueOf(name));
				}
			}
			else {
				// null: every key this connection tracked (the database was emptied)
				TrackingGuardStateCache.this.local.invalidateAll();
			}
		}

	}

}
