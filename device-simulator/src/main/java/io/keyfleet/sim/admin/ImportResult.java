package io.keyfleet.sim.admin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.keyfleet.sim.SimException;
import tools.jackson.databind.JsonNode;

/**
 * The answer of {@code POST /api/v1/devices:import} (CONTRACT "Admin API"):
 * {@code {"created": n, "failed": [{"line", "status", "detail"}], "credentials": [{"id", "client_secret"}]}}.
 *
 * @param created how many devices were registered
 * @param failed the refused lines, by physical line number from 1
 * @param secrets the generated client secrets by device id
 */
public record ImportResult(int created, List<Failure> failed, Map<String, String> secrets) {

	/**
	 * One refused line.
	 *
	 * @param line the physical line number, from 1
	 * @param status the HTTP status it would have had alone (400, 409, ...)
	 * @param detail why
	 */
	public record Failure(int line, int status, String detail) {
	}

	/**
	 * @param body the answer's JSON
	 * @return the result
	 * @throws SimException when the body does not have the contract's shape
	 */
	static ImportResult parse(JsonNode body) {
		JsonNode created = body.get("created");
		JsonNode failed = body.get("failed");
		JsonNode credentials = body.get("credentials");
		if (created == null || !created.isNumber() || failed == null || !failed.isArray() || credentials == null
				|| !credentials.isArray()) {
			throw new SimException("the device import answered a body without \"created\", \"failed\" and "
					+ "\"credentials\" (CONTRACT, Admin API)");
		}
		List<Failure> failures = new ArrayList<>();
		for (JsonNode failure : failed.values()) {
			failures.add(new Failure(failure.path("line").asInt(), failure.path("status").asInt(),
					failure.path("detail").asString("")));
		}
		Map<String, String> secrets = new HashMap<>();
		for (JsonNode credential : credentials.values()) {
			secrets.put(credential.path("id").asString(), credential.path("client_secret").asString());
		}
		return new ImportResult(created.asInt(), failures, secrets);
	}

	/** Never prints the secrets. */
	@Override
	public String toString() {
		return "ImportResult[created=" + this.created + ", failed=" + this.failed + ", secrets=" + this.secrets.size()
				+ "]";
	}

}
