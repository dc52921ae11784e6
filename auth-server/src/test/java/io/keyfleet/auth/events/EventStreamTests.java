package io.keyfleet.auth.events;

import java.time.Clock;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.keyfleet.auth.store.StateStore;
import io.keyfleet.auth.support.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;

/** The appender on its own, against the real Redis under a key prefix of its own. */
class EventStreamTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void appendWhenFieldsGivenThenEntryHasCommonFieldsAndOmitsAbsentOnes() {
		StateStore store = TestRedis.stateStore("events");
		EventStream events = new EventStream(store, true, 1000, this.meters, Clock.systemUTC());
		long before = System.currentTimeMillis();

		events.event("admin").with("actor", "fleet-admin").with("target", null).with("outcome", "").append();

		Map<String, String> entry = StreamEntries.await(store.key("events"), e -> "admin".equals(e.get("type")));
		assertThat(entry).containsOnlyKeys("type", "ts", "node", "actor");
		assertThat(entry).containsEntry("actor", "fleet-admin");
		assertThat(Long.parseLong(entry.get("ts"))).isBetween(before, System.currentTimeMillis());
		assertThat(entry.get("node")).endsWith(":" + ProcessHandle.current().pid());
	}

	@Test
	void appendWhenValueIsHugeThenItIsCut() {
		StateStore store = TestRedis.stateStore("events");
		EventStream events = new EventStream(store, true, 1000, this.meters, Clock.systemUTC());

		events.event("token.refused").with("client", "x".repeat(5000)).append();

		Map<String, String> entry = StreamEntries.await(store.key("events"), e -> e.containsKey("client"));
		assertThat(entry.get("client")).hasSize(EventStream.MAX_VALUE_LENGTH);
	}

	@Test
	void appendWhenDisabledThenNothingIsWritten() {
		StateStore store = TestRedis.stateStore("events");
		EventStream disabled = new EventStream(store, false, 1000, this.meters, Clock.systemUTC());
		EventStream enabled = new EventStream(store, true, 1000, this.meters, Clock.systemUTC());

		disabled.event("admin").with("action", "first").append();
		enabled.event("admin").with("action", "marker").append();

		// a disabled stream sends nothing at all: once the marker is there, nothing else came
		StreamEntries.await(store.key("events"), e -> "marker".equals(e.get("action")));
		assertThat(StreamEntries.all(store.key("events"))).extracting(e -> e.get("action")).containsExactly("marker");
		assertThat(disabled.enabled()).isFalse();
	}

	@Test
	void appendWhenManyThenStreamIsTrimmedNearMaxLength() {
		StateStore store = TestRedis.stateStore("events");
		EventStream events = new EventStream(store, true, 10, this.meters, Clock.systemUTC());

		for (int i = 0; i < 1000; i++) {
			events.event("admin").with("action", Integer.toString(i)).append();
		}

		StreamEntries.await(store.key("events"), e -> "999".equals(e.get("action")));
		// MAXLEN ~ trims whole radix-tree nodes (100 entries by default), never below 10
		assertThat(store.await(store.async().xlen(store.key("events")))).isBetween(10L, 200L);
	}

	@Test
	void appendWhenStreamKeyHoldsAnotherTypeThenFailureIsCountedNotThrown() {
		StateStore store = TestRedis.stateStore("events");
		store.await(store.async().set(store.key("events"), "not a stream"));
		EventStream events = new EventStream(store, true, 1000, this.meters, Clock.systemUTC());

		events.event("admin").with("action", "lost").append();

		// the failure is counted when Redis' error comes back, after the next flush
		assertThat(awaitFailures(1)).isEqualTo(1.0);
		assertThat(store.await(store.async().get(store.key("events")))).isEqualTo("not a stream");
	}

	private double awaitFailures(double expected) {
		long deadline = System.nanoTime() + 5_000_000_000L;
		double count = 0;
		while (System.nanoTime() < deadline && (count = failures()) < expected) {
			Thread.onSpinWait();
		}
		return count;
	}

	private double failures() {
		return this.meters.counter("keyfleet.events.append.failures").count();
	}

}
