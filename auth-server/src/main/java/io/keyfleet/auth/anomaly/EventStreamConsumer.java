package io.keyfleet.auth.anomaly;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyfleet.auth.store.StateStore;

/**
 * Consumer-group workers on the events stream (CONTRACT "Provisioning, lifecycle and
 * anomalies"; Redis Streams {@code XREADGROUP}/{@code XACK}/{@code XAUTOCLAIM}): every node
 * runs a few threads, each a consumer of its own name in one group, so the nodes share the
 * stream and each entry is delivered to one of them.
 *
 * <ul>
 * <li>The group is created at the end of the stream ({@code $}, with {@code MKSTREAM})
 * when it does not exist: a new deployment judges what happens from now on, not a backlog
 * of up to a million old events (quarantining a device for what it did days ago). Once
 * created the group keeps its position, so restarts lose nothing.</li>
 * <li>Each thread has a dedicated connection: a blocking read would stall every other
 * command on the shared multiplexed one.</li>
 * <li>An entry is acknowledged after its handler returned. A failure leaves it (and the
 * rest of its batch) pending; every {@code claim-interval} each consumer claims entries
 * idle longer than {@code claim-idle} — a dead node's, or failed ones — and handles them.
 * Handlers are idempotent per entry id, so a claimed entry that had been handled but not
 * acknowledged has no second effect.</li>
 * </ul>
 */
public final class EventStreamConsumer {

	private static final Logger log = LoggerFactory.getLogger(EventStreamConsumer.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final StateStore store;

	private final String streamKey;

	private final String group;

	private final EventHandler handler;

	private final Settings settings;

	private final String namePrefix;

	private final List<Worker> workers = new CopyOnWriteArrayList<>();

	private volatile boolean running;

	public EventStreamConsumer(StateStore store, String streamKey, String group, EventHandler handler,
			Settings settings) {
		this.store = store;
		this.streamKey = streamKey;
		this.group = group;
		this.handler = handler;
		this.settings = settings;
		this.namePrefix = nodeName() + "-" + randomHex(3);
	}

	/** Creates the group if needed and starts the consumer threads. */
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		try {
			// before the threads: entries appended once start() returned are the group's
			ensureGroup(this.store.async());
		}
		catch (RuntimeException ex) {
			log.warn("Anomaly consumer group not created yet ({}); the consumers retry", ex.getMessage());
		}
		for (int i = 0; i < this.settings.consumers(); i++) {
			Worker worker = new Worker(this.namePrefix + "-" + i);
			this.workers.add(worker);
			worker.thread.start();
		}
		log.info("Anomaly detection consuming {} as group {} with {} consumer(s) {}-*", this.streamKey, this.group,
				this.settings.consumers(), this.namePrefix);
	}

	/**
	 * Stops the threads after the entry each is handling; entries read but not handled stay
	 * pending and are claimed by another node. A consumer left with nothing pending is
	 * removed from the group.
	 */
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		for (Worker worker : this.workers) {
			try {
				worker.thread.join(this.settings.block().toMillis() + 5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			// a thread still running may have read entries it has not handled: keep it in the
			// group so that they stay pending and are claimed, rather than deleted with it
			worker.close(!worker.thread.isAlive());
		}
		this.workers.clear();
	}

	void ensureGroup(RedisClusterAsyncCommands<String, String> commands) {
		try {
			this.store.await(commands.xgroupCreate(XReadArgs.StreamOffset.from(this.streamKey, "$"), this.group,
					XGroupCreateArgs.Builder.mkstream()));
		}
		catch (RedisBusyException ex) {
			// BUSYGROUP: it exists, and keeps its position
		}
		catch (RuntimeException ex) {
			if (ex.getMessage() == null || !ex.getMessage().contains("BUSYGROUP")) {
				throw ex;
			}
		}
	}

	private final class Worker implements Runnable {

		private final Consumer<String> consumer;

		private final Thread thread;

		private volatile StatefulConnection<String, String> connection;

		private RedisClusterAsyncCommands<String, String> commands;

		private String claimCursor = "0-0";

		private long nextClaimNanos;

		private int failures;

		Worker(String name) {
			this.consumer = Consumer.from(EventStreamConsumer.this.group, name);
			this.thread = new Thread(this, "anomaly-" + name);
			this.thread.setDaemon(true);
		}

		@Override
		public void run() {
			while (EventStreamConsumer.this.running) {
				try {
					if (this.connection == null) {
						this.connection = connect(EventStreamConsumer.this.store.client());
						this.commands = commands(this.connection);
						ensureGroup(this.commands);
					}
					if (System.nanoTime() - this.nextClaimNanos >= 0) {
						claim();
					}
					read();
					this.failures = 0;
				}
				catch (RuntimeException ex) {
					failed(ex);
				}
			}
		}

		private void claim() {
			ClaimedMessages<String, String> claimed = await(this.commands.xautoclaim(EventStreamConsumer.this.streamKey,
					new XAutoClaimArgs<String>().consumer(this.consumer)
						.minIdleTime(EventStreamConsumer.this.settings.claimIdle())
						.startId(this.claimCursor)
						.count(EventStreamConsumer.this.settings.batchSize())));
			handle(claimed.getMessages());
			this.claimCursor = claimed.getId();
			// go on claiming on the next turn until the scan of the pending list wraps
			this.nextClaimNanos = "0-0".equals(this.claimCursor)
					? System.nanoTime() + EventStreamConsumer.this.settings.claimInterval().toNanos() : System.nanoTime();
		}

		private void read() {
			XReadArgs args = XReadArgs.Builder.count(EventStreamConsumer.this.settings.batchSize())
				.block(EventStreamConsumer.this.settings.block());
			handle(await(this.commands.xreadgroup(this.consumer, args,
					XReadArgs.StreamOffset.lastConsumed(EventStreamConsumer.this.streamKey))));
		}

		private void handle(List<StreamMessage<String, String>> messages) {
			List<String> done = new ArrayList<>(messages.size());
			try {
				for (StreamMessage<String, String> message : messages) {
					if (!EventStreamConsumer.this.running) {
						break;
					}
					if (message.getBody() != null) {
						EventStreamConsumer.this.handler.handle(new StreamEvent(message.getId(), message.getBody()));
					}
					done.add(message.getId());
				}
			}
			finally {
				// the ones handled are acknowledged even when a later one failed
				if (!done.isEmpty()) {
					await(this.commands.xack(EventStreamConsumer.this.streamKey, EventStreamConsumer.this.group,
							done.toArray(String[]::new)));
				}
			}
		}

		private void failed(RuntimeException ex) {
			if (!EventStreamConsumer.this.running) {
				return;
			}
			if (ex.getMessage() != null && ex.getMessage().contains("NOGROUP")) {
				// the stream or group was deleted: recreate it on the next turn
				closeConnection();
			}
			this.failures++;
			if (this.failures == 1 || this.failures % 60 == 0) {
				log.warn("Anomaly consumer {}: {} (entries stay pending and are retried)", this.consumer.getName(),
						ex.getMessage());
			}
			try {
				Thread.sleep(Math.min(1000L, 100L * this.failures));
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
		}

		void close(boolean mayLeaveGroup) {
			StatefulConnection<String, String> open = this.connection;
			if (open == null) {
				return;
			}
			try {
				boolean nothingPending = mayLeaveGroup && await(this.commands.xpending(EventStreamConsumer.this.streamKey,
						this.consumer, Range.create("-", "+"), Limit.create(0, 1))).isEmpty();
				if (nothingPending) {
					await(this.commands.xgroupDelconsumer(EventStreamConsumer.this.streamKey, this.consumer));
				}
			}
			catch (RuntimeException ex) {
				log.debug("Anomaly consumer {} not removed: {}", this.consumer.getName(), ex.getMessage());
			}
			closeConnection();
		}

		private void closeConnection() {
			StatefulConnection<String, String> open = this.connection;
			this.connection = null;
			if (open != null) {
				open.close();
			}
		}

		private <T> T await(java.util.concurrent.CompletionStage<T> future) {
			return EventStreamConsumer.this.store.await(future);
		}

	}

	private static StatefulConnection<String, String> connect(AbstractRedisClient client) {
		if (client instanceof RedisClusterClient cluster) {
			return cluster.connect();
		}
		return ((RedisClient) client).connect();
	}

	@SuppressWarnings("unchecked")
	private static RedisClusterAsyncCommands<String, String> commands(StatefulConnection<String, String> connection) {
		if (connection instanceof StatefulRedisClusterConnection<?, ?> cluster) {
			return ((StatefulRedisClusterConnection<String, String>) cluster).async();
		}
		return ((StatefulRedisConnection<String, String>) connection).async();
	}

	private static String nodeName() {
		String host = System.getenv("HOSTNAME");
		String name = ((host != null && !host.isBlank()) ? host : "node") + "-" + ProcessHandle.current().pid();
		return name.replaceAll("[^A-Za-z0-9._-]", "_");
	}

	private static String randomHex(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

	/**
	 * How the consumers run.
	 * @param consumers threads on this node
	 * @param batchSize entries per read or claim
	 * @param block how long a read waits for entries (below the Redis command timeout)
	 * @param claimIdle entries pending this long are claimed
	 * @param claimInterval how often each consumer claims
	 */
	public record Settings(int consumers, int batchSize, Duration block, Duration claimIdle, Duration claimInterval) {
	}

}
