package io.keyfleet.auth.admin;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.keyfleet.auth.anomaly.AnomalyKind;
import io.keyfleet.auth.anomaly.AnomalyNotFoundException;
import io.keyfleet.auth.anomaly.AnomalyQuery;
import io.keyfleet.auth.anomaly.AnomalyStore;
import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.client.ClientRegistrationValidator;
import io.keyfleet.auth.client.InvalidRegistrationException;

/**
 * {@code /api/v1/anomalies} (CONTRACT "Provisioning, lifecycle and anomalies"): the
 * anomalies the detector recorded, newest first, and resolving one. Resolving is
 * idempotent: a resolved anomaly answers {@code 204} again and stays as it was.
 */
@RestController
@RequestMapping("/api/v1/anomalies")
public class AnomalyController {

	private final AnomalyStore anomalies;

	private final AuditLog audit;

	public AnomalyController(AnomalyStore anomalies, AuditLog audit) {
		this.anomalies = anomalies;
		this.audit = audit;
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	public Map<String, Object> list(@RequestParam(required = false) String device,
			@RequestParam(required = false) String kind, @RequestParam(required = false) String since,
			@RequestParam(defaultValue = "100") String limit, @RequestParam(required = false) String cursor) {
		if (device != null && !ClientRegistrationValidator.ID.matcher(device).matches()) {
			throw new InvalidRegistrationException("device", "is not a client id");
		}
		AnomalyKind anomalyKind = (kind != null) ? AnomalyKind.fromWireName(kind)
			.orElseThrow(() -> new InvalidRegistrationException("kind", "is not an anomaly kind")) : null;
		long before = PageCursor.decode(cursor);
		AnomalyStore.Page page = this.anomalies.list(new AnomalyQuery(device, anomalyKind, since(since),
				PageCursor.limit(limit), (before > 0) ? before : null));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", page.items());
		body.put("next_cursor", PageCursor.encode(page.nextBeforeOrder()));
		return body;
	}

	@PostMapping("/{id}/resolve")
	public ResponseEntity<Void> resolve(@PathVariable String id, Authentication admin) {
		Boolean wasOpen = this.anomalies.resolve(id, admin.getName()).orElse(null);
		if (wasOpen == null) {
			this.audit.adminAction(admin.getName(), "anomaly-resolve", id, "not_found");
			throw new AnomalyNotFoundException(id);
		}
		this.audit.adminAction(admin.getName(), "anomaly-resolve", id, wasOpen ? "ok" : "already_resolved");
		return ResponseEntity.noContent().build();
	}

	/** RFC 3339 date-time with an offset ({@code Z} or {@code ±hh:mm}). */
	private static Instant since(String since) {
		if (since == null) {
			return null;
		}
		try {
			Instant instant = OffsetDateTime.parse(since).toInstant();
			instant.toEpochMilli(); // the store keys by epoch milliseconds: years far off do not fit
			return instant;
		}
		catch (DateTimeParseException | ArithmeticException ex) {
			throw new InvalidRegistrationException("since", "must be an RFC 3339 date-time, e.g. 2026-01-31T12:00:00Z");
		}
	}

}
