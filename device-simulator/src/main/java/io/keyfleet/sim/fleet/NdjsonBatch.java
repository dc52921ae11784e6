package io.keyfleet.sim.fleet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.keyfleet.sim.JsonOutput;
import tools.jackson.databind.JsonNode;

/**
 * One request's worth of an NDJSON device import: registrations, one compact JSON object
 * per line, and the way back from a line number in the server's answer (physical lines
 * from 1, CONTRACT "Admin API") to the device on that line. A large fleet is imported as a
 * stream of such batches, so neither side ever holds the whole fleet in one body.
 *
 * @see <a href="https://github.com/ndjson/ndjson-spec">NDJSON</a>
 */
public final class NdjsonBatch {

	private final List<String> ids = new ArrayList<>();

	private final StringBuilder body = new StringBuilder();

	/**
	 * Appends a registration as the next line.
	 * @param registration a registration with an {@code id}
	 * @return the line number it got, from 1
	 */
	public int add(JsonNode registration) {
		// Jackson's compact form escapes control characters, so a line never contains a newline
		this.body.append(JsonOutput.compact(registration)).append('\n');
		this.ids.add(registration.path("id").asString());
		return this.ids.size();
	}

	/**
	 * @return the number of lines
	 */
	public int size() {
		return this.ids.size();
	}

	/**
	 * @return the request body: the lines, each ended by {@code \n}
	 */
	public String body() {
		return this.body.toString();
	}

	/**
	 * @param line a physical line number from the server's answer, from 1
	 * @return the id of the device on that line
	 * @throws IllegalArgumentException when the batch has no such line
	 */
	public String idAtLine(int line) {
		if (line < 1 || line > this.ids.size()) {
			throw new IllegalArgumentException("the batch has no line " + line + " (it has " + this.ids.size() + ")");
		}
		return this.ids.get(line - 1);
	}

	/**
	 * @return the ids, in line order
	 */
	public List<String> ids() {
		return Collections.unmodifiableList(this.ids);
	}

	/**
	 * Splits a count into batch sizes: {@code sizes(2500, 1000)} is {@code [1000, 1000, 500]}.
	 * @param total how many lines in all, 0 or more
	 * @param batchSize at most this many per batch, 1 or more
	 * @return the sizes, in order
	 */
	public static List<Integer> sizes(int total, int batchSize) {
		if (total < 0 || batchSize < 1) {
			throw new IllegalArgumentException("total must be 0 or more and batchSize 1 or more");
		}
		List<Integer> sizes = new ArrayList<>();
		for (int done = 0; done < total; done += batchSize) {
			sizes.add(Math.min(batchSize, total - done));
		}
		return sizes;
	}

}
