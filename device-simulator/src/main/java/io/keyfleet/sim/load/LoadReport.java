package io.keyfleet.sim.load;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.keyfleet.sim.JsonOutput;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result of a load run as one JSON object (for {@code --json} and scripts) and as text:
 * throughput, latency percentiles in milliseconds (p50, p90, p99, p99.9, max), errors by
 * kind, connections opened, and hints when the errors have a known cause.
 */
public final class LoadReport {

	static final double[] PERCENTILES = { 50, 90, 99, 99.9 };

	private final ObjectNode json;

	private LoadReport(ObjectNode json) {
		this.json = json;
	}

	/**
	 * @param plan what was run
	 * @param phase the measured phase
	 * @param fleet the devices used, by authentication method
	 * @param connectionsOpened TLS connections opened during the whole run
	 * @return the report
	 */
	static LoadReport of(LoadPlan plan, Phase phase, Map<String, Long> fleet, int connectionsOpened) {
		ObjectNode json = JsonOutput.object();
		json.put("mode", plan.openLoop() ? "open" : "closed");
		json.put("concurrency", plan.concurrency());
		if (plan.openLoop()) {
			json.put("rate_per_s", plan.rate());
		}
		json.put("warmup_s", plan.warmup().toMillis() / 1000.0);
		json.set("devices", JsonOutput.tree(fleet));
		long completed = phase.completed.sum();
		long ok = phase.ok.sum();
		double seconds = phase.elapsedSeconds();
		json.put("requests", completed);
		json.put("ok", ok);
		json.put("errors", completed - ok);
		json.put("elapsed_s", round(seconds));
		json.put("throughput_per_s", round(completed / seconds));
		json.put("ok_per_s", round(ok / seconds));
		json.set("latency_ms", latency(phase.latency.histogram()));
		if (plan.callUrl() != null) {
			json.put("call", plan.callMethod() + " " + plan.callUrl());
			json.set("call_latency_ms", latency(phase.callLatency.histogram()));
		}
		if (plan.openLoop()) {
			json.put("sent_late", phase.sentLate.sum());
		}
		json.set("errors_by_kind", JsonOutput.tree(phase.errors.snapshot()));
		json.put("connections_opened", connectionsOpened);
		json.set("hints", JsonOutput.tree(hints(phase.errors.snapshot(), plan, phase)));
		return new LoadReport(json);
	}

	public ObjectNode json() {
		return this.json;
	}

	/**
	 * Prints the report for people.
	 * @param out where
	 */
	public void printText(PrintWriter out) {
		ObjectNode latency = (ObjectNode) this.json.get("latency_ms");
		out.printf(Locale.ROOT, "%s loop, concurrency %d%s, devices %s%s, warmup %.1f s%n",
				this.json.get("mode").asString(), this.json.get("concurrency").asInt(),
				this.json.has("rate_per_s") ? ", rate " + this.json.get("rate_per_s").asDouble() + "/s" : "",
				this.json.get("devices"),
				this.json.has("binding") ? ", binding " + this.json.get("binding").asString() : "",
				this.json.get("warmup_s").asDouble());
		out.printf(Locale.ROOT, "requests %d in %.2f s: ok %d, errors %d%n", this.json.get("requests").asLong(),
				this.json.get("elapsed_s").asDouble(), this.json.get("ok").asLong(), this.json.get("errors").asLong());
		out.printf(Locale.ROOT, "throughput %.1f requests/s (ok %.1f/s)%n", this.json.get("throughput_per_s").asDouble(),
				this.json.get("ok_per_s").asDouble());
		out.println("latency ms  " + line(latency));
		if (this.json.has("call_latency_ms")) {
			out.println("call latency ms  " + line((ObjectNode) this.json.get("call_latency_ms")));
		}
		if (this.json.has("sent_late")) {
			out.println("sent more than 1 ms late (generator or connections saturated): "
					+ this.json.get("sent_late").asLong());
		}
		out.println("errors by kind: " + this.json.get("errors_by_kind"));
		out.println("connections opened: " + this.json.get("connections_opened").asInt());
		if (this.json.has("attestation")) {
			out.println("attestation: " + this.json.get("attestation"));
		}
		this.json.get("hints").values().forEach((hint) -> out.println("hint: " + hint.asString()));
		out.flush();
	}

	private static String line(ObjectNode latency) {
		StringBuilder line = new StringBuilder();
		latency.properties().forEach((entry) -> line.append(entry.getKey()).append(' ')
			.append(entry.getValue().asString()).append("  "));
		return line.toString().strip();
	}

	private static ObjectNode latency(Histogram histogram) {
		ObjectNode latency = JsonOutput.object();
		for (double percentile : PERCENTILES) {
			String name = "p" + ((percentile == Math.rint(percentile)) ? String.valueOf((int) percentile)
					: String.valueOf(percentile).replace('.', '_'));
			latency.put(name, LatencyRecorder.millisAt(histogram, percentile));
		}
		latency.put("max", histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue() / 1000.0);
		latency.put("mean", round(histogram.getTotalCount() == 0 ? 0 : histogram.getMean() / 1000.0));
		return latency;
	}

	static List<String> hints(Map<String, Long> errors, LoadPlan plan, Phase phase) {
		List<String> hints = new ArrayList<>();
		long slowDown = errors.entrySet().stream().filter((e) -> e.getKey().startsWith("http_429")).mapToLong(Map.Entry::getValue).sum();
		if (slowDown > 0) {
			hints.add(slowDown + " requests were refused with 429 slow_down: the server's rate limit applies per "
					+ "device (default 10/s, burst 20) and per source address (1,000/s, burst 2,000). For benchmarks, "
					+ "start the server with raised limits (--keyfleet.rate-limit.token-per-client-rate=100000 "
					+ "--keyfleet.rate-limit.token-per-client-burst=100000 --keyfleet.rate-limit.token-per-address-rate"
					+ "=1000000 --keyfleet.rate-limit.token-per-address-burst=1000000) or use more devices.");
		}
		if (errors.keySet().stream().anyMatch((kind) -> kind.startsWith("challenge_http_429"))) {
			hints.add("challenges were refused with 429 slow_down: the challenge endpoint is limited per source address "
					+ "(default 100/s, burst 200). For attested benchmarks raise --keyfleet.rate-limit.challenge-per-address-rate"
					+ " and --keyfleet.rate-limit.challenge-per-address-burst, or use --attest when-asked.");
		}
		if (errors.keySet().stream().anyMatch((kind) -> kind.endsWith("invalid_client"))) {
			hints.add("invalid_client: are the fleet's devices registered at this server (fleet.json names the server), "
					+ "and are this machine's and the server's clocks in sync (assertions live 60 s)?");
		}
		if (plan.openLoop() && phase.sentLate.sum() > phase.completed.sum() / 100) {
			hints.add("more than 1% of the requests started late: the server is saturated, or --concurrency is too "
					+ "small for this rate; latencies include the wait (coordinated omission corrected).");
		}
		return hints;
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

}
