package io.keyfleet.sample;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /firmware/{model}/latest}: the newest firmware release for a device model.
 * Sample data only.
 */
@RestController
class FirmwareController {

	@GetMapping("/firmware/{model}/latest")
	Map<String, Object> latest(@PathVariable String model) {
		return Map.of("model", model, "version", "2.5.0");
	}

}
