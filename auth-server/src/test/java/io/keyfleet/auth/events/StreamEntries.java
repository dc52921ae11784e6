package io.keyfleet.auth.events;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;

import io.keyfleet.auth.store.StateStore;
import io.keyfleet.auth.support.TestRedis;

import static org.assertj.core.api.Assertions.fail;

/**
 * Reads an events stream with {@code XRANGE}, as a consumer would. Events are appended
 * without waiting, so a test waits (up to 10 s) for the entry it expects to arrive.
 */
final class StreamEntries {

	private static final StateStore REDIS = TestRedis.stateStore("events-reader");

	private StreamEntries() {
	}

	static List<Map<String, String>> all(String key) {
		List<StreamMessage<String, String>> messages = REDIS
			.await(REDIS.async().xrange(key, Range.create("-", "+")));
		return messages.stream().map(StreamMessage::getBody).toList();
	}

	static Map<String, String> await(String key, Predicate<Map<String, String>> match) {
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (System.nanoTime() < deadline) {
			for (Map<String, String> entry : all(key)) {
				if (match.test(entry)) {
					return entry;
				}
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return fail("no entry in " + key + " matched; last entries: "
				+ all(key).stream().skip(Math.max(0, all(key).size() - 5)).toList());
	}

	static Predicate<Map<String, String>> of(String type, String client) {
		return (entry) -> type.equals(entry.get("type")) && client.equals(entry.get("client"));
	}

}
