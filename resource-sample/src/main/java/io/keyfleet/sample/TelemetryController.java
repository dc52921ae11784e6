package io.keyfleet.sample;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /telemetry}: a device reports readings. The sample stores nothing; it
 * acknowledges what it received and from whom.
 */
@RestController
class TelemetryController {

	@PostMapping("/telemetry")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Object> report(@AuthenticationPrincipal Jwt token, @RequestBody(required = false) byte[] readings) {
		return Map.of("device", token.getSubject(), "bytes", (readings != null) ? readings.length : 0);
	}

}
