package io.keyfleet.sim;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON for the console: {@link #compact(Object) one line} for {@code --json} (one object per
 * command, easy for scripts and {@code jq}), {@link #pretty(Object) indented} for people.
 * Map entries are sorted by key so that output is stable.
 */
public final class JsonOutput {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	private JsonOutput() {
	}

	/**
	 * @return a new object node; its fields keep insertion order
	 */
	public static ObjectNode object() {
		return MAPPER.createObjectNode();
	}

	/**
	 * @param value a map, list, scalar or node
	 * @return its JSON tree
	 */
	public static JsonNode tree(Object value) {
		return MAPPER.valueToTree(value);
	}

	public static String compact(Object value) {
		return MAPPER.writeValueAsString(value);
	}

	public static String pretty(Object value) {
		return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
	}

	/**
	 * Parses JSON text, e.g. what a command printed.
	 * @param json the text
	 * @return the tree
	 */
	public static JsonNode parse(String json) {
		return MAPPER.readTree(json);
	}

}
