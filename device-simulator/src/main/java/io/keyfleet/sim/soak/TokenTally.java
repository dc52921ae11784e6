package io.keyfleet.sim.soak;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.keyfleet.sim.load.TokenAnswer;

/**
 * The normal devices' token requests of a soak: issued, and the others by answer (e.g.
 * {@code 401 invalid_client} for a device that was quarantined, {@code 429 slow_down}).
 */
final class TokenTally {

	private final LongAdder issued = new LongAdder();

	private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();

	void add(TokenAnswer answer) {
		if (answer.issued()) {
			this.issued.increment();
		}
		else {
			this.refused.computeIfAbsent(answer.describe(), (key) -> new LongAdder()).increment();
		}
	}

	long issued() {
		return this.issued.sum();
	}

	/**
	 * @return the refused or failed requests, by answer
	 */
	Map<String, Long> refused() {
		Map<String, Long> counts = new TreeMap<>();
		this.refused.forEach((answer, count) -> counts.put(answer, count.sum()));
		return counts;
	}

}
