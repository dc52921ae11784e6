package io.keyfleet.auth.anomaly;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.lettuce.core.RedisClient;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.keyfleet.auth.store.StateStore;
import io.keyfleet.auth.support.TestDevices;
import io.keyfleet.auth.support.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two consumers of one group sharing a real stream, one of which dies mid-stream after
 * handling entries it never acknowledged: every event's effect (the baseline's event
 * counter) is applied exactly once, and nothing stays pending.
 */
class EventStreamConsumerIntegrationTests {

	private static final EventStreamConsumer.Settings FAST = new EventStreamConsumer.Settings(1, 20,
			Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMillis(200));

	private final StateStore store = TestRedis.stateStore("stream");

	private final String stream = this.store.key("events");

	private final Baselines baselines = new Baselines(this.store, TestAnomalies.defaults());

	private final List<EventStreamConsumer> consumers = new ArrayList<>();

	private RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	private RedisCommands<String, String> redis;

	@BeforeEach
	void connect() {
		this.client = RedisClient.create(TestRedis.url());
		this.connection = this.client.connect();
		this.redis = this.connection.sync();
	}

	@AfterEach
	void close() {
		this.consumers.forEach(EventStreamConsumer::stop);
		this.connection.close();
		this.client.shutdown();
	}

	@Test
	void consumeWhenOneConsumerDiesBeforeAcknowledgingThenEveryEventTakesEffectExactlyOnce() throws Exception {
		this.redis.xgroupCreate(XReadArgs.StreamOffset.from(this.stream, "$"), AnomalyConfiguration.GROUP,
				XGroupCreateArgs.Builder.mkstream());
		AtomicInteger handledByDoomed = new AtomicInteger();
		AtomicBoolean dead = new AtomicBoolean();
		EventStreamConsumer doomed = consumer(event -> {
			if (dead.get()) {
				throw new IllegalStateException("dead");
			}
			this.baselines.observe(event);
			if (handledByDoomed.incrementAndGet() == 15) {
				// the node dies after handling this entry: it is never acknowledged
				dead.set(true);
				throw new IllegalStateException("killed");
			}
		});
		EventStreamConsumer survivor = consumer(this.baselines::observe);
		doomed.start();
		survivor.start();

		List<String> devices = List.of(TestDevices.newId("shared"), TestDevices.newId("shared"),
				TestDevices.newId("shared"));
		int events = 300;
		long ts = 1_800_000_000_000L;
		for (int i = 0; i < events; i++) {
			String device = devices.get(i % devices.size());
			this.redis.xadd(this.stream, TestEvents.issued(device, ts + i * 60_000L).address("10.0.0.1").fields());
		}
		assertThat(eventually(dead::get)).as("the doomed consumer handled entries").isTrue();
		doomed.stop();

		assertThat(eventually(() -> counted(devices) == events && pending() == 0)).isTrue();
		assertThat(counted(devices)).isEqualTo(events);
		assertThat(pending()).isZero();
	}

	@Test
	void consumeWhenEntriesUnknownOrMalformedThenAcknowledgedWithoutEffect() throws Exception {
		EventStreamConsumer consumer = consumer(new AnomalyDetector(this.baselines, null, null, null));
		consumer.start();
		String device = TestDevices.newId("odd");
		this.redis.xadd(this.stream, "type", "admin", "ts", "1", "client", device);
		this.redis.xadd(this.stream, "type", "token.issued", "ts", "soon", "client", device);
		this.redis.xadd(this.stream, "type", "token.issued", "ts", "1", "client", "no spaces allowed");
		String last = this.redis.xadd(this.stream, "type", "device.keys", "client", device, "ts", "1", "action", "add");

		assertThat(eventually(() -> last.equals(lastDelivered()) && pending() == 0)).isTrue();
		assertThat(this.baselines.baseline(device)).isEmpty();
	}

	private EventStreamConsumer consumer(EventHandler handler) {
		EventStreamConsumer consumer = new EventStreamConsumer(this.store, this.stream, AnomalyConfiguration.GROUP,
				handler, FAST);
		this.consumers.add(consumer);
		return consumer;
	}

	private long counted(List<String> devices) {
		return devices.stream().mapToLong(d -> Long.parseLong(this.baselines.baseline(d).getOrDefault("events", "0"))).sum();
	}

	private long pending() {
		return this.redis.xpending(this.stream, AnomalyConfiguration.GROUP).getCount();
	}

	private String lastDelivered() {
		return this.redis.xinfoGroups(this.stream)
			.stream()
			.map(group -> (List<?>) group)
			.filter(group -> group.contains(AnomalyConfiguration.GROUP))
			.map(group -> String.valueOf(group.get(group.indexOf("last-delivered-id") + 1)))
			.findFirst()
			.orElse(null);
	}

	private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (System.nanoTime() < deadline) {
			if (condition.getAsBoolean()) {
				return true;
			}
			Thread.sleep(50);
		}
		return condition.getAsBoolean();
	}

}
