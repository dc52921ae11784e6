package io.keyfleet.sample;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Per-device resources: a device reads its own configuration
 * ({@code GET /devices/{id}/config}), a service queues commands for a device
 * ({@code POST /devices/{id}/commands}). Sample data only.
 */
@RestController
class DeviceController {

	@GetMapping("/devices/{id}/config")
	Map<String, Object> config(@PathVariable String id) {
		return Map.of("device", id, "telemetry_interval_seconds", 60);
	}

	@PostMapping("/devices/{id}/commands")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Object> command(@PathVariable String id, @RequestBody(required = false) byte[] command) {
		return Map.of("device", id, "status", "queued");
	}

}
