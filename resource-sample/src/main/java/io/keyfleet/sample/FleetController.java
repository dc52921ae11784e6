package io.keyfleet.sample;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /fleet/summary}: an overview for fleet operators' services. Sample data
 * only.
 */
@RestController
class FleetController {

	@GetMapping("/fleet/summary")
	Map<String, Object> summary() {
		return Map.of("devices", 0, "sites", 0);
	}

}
