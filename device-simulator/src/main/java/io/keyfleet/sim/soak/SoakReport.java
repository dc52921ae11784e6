package io.keyfleet.sim.soak;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.keyfleet.sim.JsonOutput;
import io.keyfleet.sim.admin.Anomaly;
import io.keyfleet.sim.anomaly.DetectionWatch;
import io.keyfleet.sim.anomaly.Misbehaviour;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The outcome of a soak, judged against issue 8's goals: every injected misbehaving device
 * detected with its expected kind; {@code clone} and {@code stolen-credentials} within
 * 10 s; no normal device quarantined; and, so that a run whose fleet did not work cannot
 * pass on having seen nothing, at least {@value #MIN_ISSUED_PERCENT} % of the normal
 * devices' token requests issued. False positives are the anomalies of normal devices,
 * also per 1,000 device-hours (normal devices × duration).
 */
public final class SoakReport {

	static final double MIN_ISSUED_PERCENT = 99.0;

	/** The behaviours the issue wants detected within 10 s, not only at all. */
	static final Set<String> WITHIN_WINDOW = Set.of("clone", "stolen-credentials");

	private final SoakPlan plan;

	private final List<KindResult> kinds = new ArrayList<>();

	private final List<Anomaly> falsePositives;

	private final TokenTally tally;

	SoakReport(SoakPlan plan, Set<String> normalIds, List<Injection> injections, List<Anomaly> anomalies,
			Map<String, String> statuses, TokenTally tally) {
		this.plan = plan;
		this.tally = tally;
		Map<String, List<Anomaly>> byDevice = anomalies.stream().collect(Collectors.groupingBy(Anomaly::device));
		Map<Misbehaviour, KindResult> results = new LinkedHashMap<>();
		plan.behaviours().forEach((behaviour) -> results.put(behaviour, new KindResult(behaviour)));
		for (Injection injection : injections) {
			results.computeIfAbsent(injection.behaviour(), KindResult::new)
				.add(injection, byDevice.getOrDefault(injection.device(), List.of()), statuses.get(injection.device()));
		}
		this.kinds.addAll(results.values());
		this.falsePositives = anomalies.stream().filter((anomaly) -> normalIds.contains(anomaly.device())).toList();
	}

	/**
	 * @return the normal devices quarantined: each one a missed goal
	 */
	long falseQuarantines() {
		return this.falsePositives.stream()
			.filter((anomaly) -> "quarantine".equals(anomaly.action()))
			.map(Anomaly::device)
			.distinct()
			.count();
	}

	/**
	 * @return false positives per 1,000 normal device-hours
	 */
	double falsePositivesPer1000DeviceHours() {
		double hours = this.plan.normalDeviceHours();
		return (hours == 0) ? 0 : this.falsePositives.size() * 1000.0 / hours;
	}

	/**
	 * @return the goals missed, one line each; empty when all were met
	 */
	public List<String> missedGoals() {
		List<String> missed = new ArrayList<>();
		for (KindResult kind : this.kinds) {
			String name = kind.behaviour().name();
			if (!kind.failures().isEmpty()) {
				missed.add(name + ": " + kind.failures().size() + " of " + kind.planned() + " not played ("
						+ kind.failures().get(0) + ")");
			}
			if (kind.detectedExpected() < kind.injected()) {
				missed.add(name + ": " + (kind.injected() - kind.detectedExpected()) + " of " + kind.injected()
						+ " injected devices without a " + kind.behaviour().kind() + " anomaly");
			}
			if (WITHIN_WINDOW.contains(name) && kind.withinWindow() < kind.injected()) {
				missed.add(name + ": " + (kind.injected() - kind.withinWindow()) + " of " + kind.injected()
						+ " not detected within " + DetectionWatch.CONTRACT_WINDOW.toSeconds() + " s");
			}
		}
		if (falseQuarantines() > 0) {
			missed.add(falseQuarantines() + " normal devices quarantined");
		}
		long requests = this.tally.issued() + this.tally.refused().values().stream().mapToLong(Long::longValue).sum();
		if (this.plan.normalDevices() > 0 && this.tally.issued() * 100.0 < requests * MIN_ISSUED_PERCENT) {
			missed.add("only " + this.tally.issued() + " of " + requests + " normal token requests issued: "
					+ this.tally.refused());
		}
		return missed;
	}

	/**
	 * @return the report as one JSON object
	 */
	public ObjectNode json() {
		ObjectNode json = JsonOutput.object();
		json.put("normal_devices", this.plan.normalDevices());
		json.put("misbehaving_per_kind", this.plan.misbehavingPerKind());
		json.put("duration_s", this.plan.duration().toMillis() / 1000.0);
		json.put("token_interval_s", this.plan.tokenInterval().toMillis() / 1000.0);
		json.put("jitter", this.plan.jitter());
		json.put("warmup_s", this.plan.warmup().toMillis() / 1000.0);
		ObjectNode tokens = json.putObject("normal_tokens");
		tokens.put("issued", this.tally.issued());
		ObjectNode refused = tokens.putObject("refused");
		this.tally.refused().forEach(refused::put);
		ArrayNode kindArray = json.putArray("kinds");
		for (KindResult kind : this.kinds) {
			ObjectNode item = kindArray.addObject();
			item.put("behaviour", kind.behaviour().name());
			item.put("kind", kind.behaviour().kind());
			item.put("injected", kind.injected());
			item.put("not_played", kind.failures().size());
			item.put("detected", kind.detected());
			item.put("detected_expected_kind", kind.detectedExpected());
			item.put("within_10s", kind.withinWindow());
			ObjectNode ttd = item.putObject("time_to_detect_ms");
			ttd.put("median", kind.timeToDetectMillis(50));
			ttd.put("p99", kind.timeToDetectMillis(99));
			ttd.put("max", kind.timeToDetectMillis(100));
			item.put("quarantined", kind.quarantined());
			ObjectNode seen = item.putObject("kinds_seen");
			kind.kindsSeen().forEach(seen::put);
			ArrayNode failures = item.putArray("failures");
			kind.failures().forEach(failures::add);
		}
		ObjectNode fp = json.putObject("false_positives");
		fp.put("count", this.falsePositives.size());
		fp.put("devices", this.falsePositives.stream().map(Anomaly::device).distinct().count());
		ObjectNode byKind = fp.putObject("by_kind");
		falsePositivesByKind().forEach(byKind::put);
		fp.put("quarantines", falseQuarantines());
		fp.put("normal_device_hours", this.plan.normalDeviceHours());
		fp.put("per_1000_device_hours", falsePositivesPer1000DeviceHours());
		List<String> missed = missedGoals();
		json.put("goals_met", missed.isEmpty());
		ArrayNode missedArray = json.putArray("missed");
		missed.forEach(missedArray::add);
		return json;
	}

	/**
	 * @param out where to print the report as text
	 */
	public void print(PrintWriter out) {
		out.printf(Locale.ROOT, "soak: %d normal devices, %d misbehaving per kind, %s, a token every %s +- %.0f %%%n",
				this.plan.normalDevices(), this.plan.misbehavingPerKind(), human(this.plan.duration()),
				human(this.plan.tokenInterval()), this.plan.jitter() * 100);
		out.printf(Locale.ROOT, "normal tokens: %d issued, refused or failed: %s%n", this.tally.issued(),
				this.tally.refused());
		out.printf(Locale.ROOT, "%-22s %-20s %8s %8s %8s %8s %10s %10s %11s%n", "behaviour", "expected kind",
				"injected", "detected", "expected", "<=10s", "median ms", "p99 ms", "quarantined");
		for (KindResult kind : this.kinds) {
			out.printf(Locale.ROOT, "%-22s %-20s %8d %8d %8d %8d %10s %10s %11d%n", kind.behaviour().name(),
					kind.behaviour().kind(), kind.injected(), kind.detected(), kind.detectedExpected(),
					kind.withinWindow(), millis(kind.timeToDetectMillis(50)), millis(kind.timeToDetectMillis(99)),
					kind.quarantined());
		}
		out.printf(Locale.ROOT, "false positives: %d on normal devices %s, %.2f per 1,000 device-hours "
				+ "(%.1f device-hours); false quarantines: %d%n", this.falsePositives.size(), falsePositivesByKind(),
				falsePositivesPer1000DeviceHours(), this.plan.normalDeviceHours(), falseQuarantines());
		List<String> missed = missedGoals();
		out.println(missed.isEmpty() ? "goals: all met" : "goals missed:");
		missed.forEach((line) -> out.println("  " + line));
		out.flush();
	}

	private Map<String, Long> falsePositivesByKind() {
		return this.falsePositives.stream()
			.collect(Collectors.groupingBy(Anomaly::kind, TreeMap::new, Collectors.counting()));
	}

	/**
	 * @param duration a duration
	 * @return e.g. {@code 10m}, {@code 1m30s}, {@code 2.5s}
	 */
	public static String human(Duration duration) {
		long millis = duration.toMillis();
		if (millis % 1000 != 0 || millis < 60_000) {
			return (millis % 1000 == 0) ? (millis / 1000) + "s" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
		}
		long seconds = millis / 1000;
		return (seconds / 60) + "m" + ((seconds % 60 != 0) ? (seconds % 60) + "s" : "");
	}

	private static String millis(long value) {
		return (value < 0) ? "-" : String.valueOf(value);
	}

}
