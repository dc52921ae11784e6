package io.keyfleet.auth.anomaly;

import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Anomaly properties bound as the server binds them: the defaults plus overrides. */
final class TestAnomalies {

	private TestAnomalies() {
	}

	static AnomalyProperties properties(Map<String, String> overrides) {
		return new Binder(new MapConfigurationPropertySource(overrides)).bindOrCreate("keyfleet.anomaly",
				AnomalyProperties.class);
	}

	static AnomalyProperties defaults() {
		return properties(Map.of());
	}

}
