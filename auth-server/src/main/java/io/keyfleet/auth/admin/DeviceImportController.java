package io.keyfleet.auth.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.client.ClientKind;
import io.keyfleet.auth.client.ClientService;
import io.keyfleet.auth.client.InvalidRegistrationException;
import io.keyfleet.auth.client.RegistrationJson;
import io.keyfleet.auth.store.StateStore;
import io.keyfleet.auth.store.StateStoreUnavailableException;
import io.keyfleet.auth.web.ProblemResponder;

/**
 * {@code POST /api/v1/devices:import}: NDJSON, one registration per line, read as a
 * stream (never buffered whole) and written in pipelined batches. Each device is written
 * atomically or not at all; each bad line is reported by its physical line number (blank
 * lines count and are skipped); an id repeated within the file fails with {@code 409} on
 * its second occurrence. Generated secrets are returned once, in {@code credentials}.
 */
@RestController
public class DeviceImportController {

	static final String NDJSON = "application/x-ndjson";

	private static final int BATCH = 256;

	private static final int MAX_LINE = 64 * 1024;

	private final ClientService clients;

	private final StateStore store;

	private final AuditLog audit;

	public DeviceImportController(ClientService clients, StateStore store, AuditLog audit) {
		this.clients = clients;
		this.store = store;
		this.audit = audit;
	}

	@PostMapping(path = "/api/v1/devices:import", consumes = NDJSON, produces = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<Map<String, Object>> importDevices(HttpServletRequest request, Authentication admin)
			throws IOException {
		Result result = new Result();
		List<Pending> batch = new ArrayList<>(BATCH);
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			int number = 0;
			while ((line = reader.readLine()) != null) {
				number++;
				if (line.isBlank()) {
					continue;
				}
				if (line.length() > MAX_LINE) {
					result.fail(number, 413, "line longer than " + MAX_LINE + " characters");
					continue;
				}
				try {
					ClientService.Registration registration = this.clients.prepare(ClientKind.DEVICE,
							RegistrationJson.read(line));
					batch.add(new Pending(number, registration, this.clients.createAsync(registration)));
				}
				catch (InvalidRegistrationException ex) {
					result.fail(number, 400, ex.getMessage());
				}
				if (batch.size() >= BATCH) {
					settle(batch, result);
				}
			}
			settle(batch, result);
		}
		catch (StateStoreUnavailableException ex) {
			// what was confirmed is reported (secrets included) so nothing known is lost;
			// lines from the first unconfirmed one on may or may not have been written
			this.audit.adminAction(admin.getName(), "import", "devices", "interrupted");
			Map<String, Object> body = result.body();
			body.put("type", ProblemResponder.TYPE_BASE + "unavailable");
			body.put("title", "Service Unavailable");
			body.put("status", 503);
			body.put("detail", "the state store became unreachable during the import");
			body.put("unconfirmed_from_line", batch.isEmpty() ? null : batch.get(0).line());
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.header(HttpHeaders.RETRY_AFTER, "1")
				.body(body);
		}
		this.audit.adminAction(admin.getName(), "import", "devices",
				"created=" + result.created + ",failed=" + result.failed.size());
		return ResponseEntity.ok(result.body());
	}

	private void settle(List<Pending> batch, Result result) {
		while (!batch.isEmpty()) {
			Pending pending = batch.get(0);
			long sequence = this.store.await(pending.created());
			if (sequence > 0) {
				result.created++;
				if (pending.registration().secret() != null) {
					result.credentials.add(Map.of("id", pending.registration().record().id(), "client_secret",
							pending.registration().secret()));
				}
			}
			else {
				result.fail(pending.line(), 409,
						"id " + pending.registration().record().id() + " is already registered");
			}
			batch.remove(0);
		}
	}

	private record Pending(int line, ClientService.Registration registration, CompletionStage<Long> created) {
	}

	private static final class Result {

		private int created;

		private final List<Map<String, Object>> failed = new ArrayList<>();

		private final List<Map<String, String>> credentials = new ArrayList<>();

		Map<String, Object> body() {
			this.failed.sort(Comparator.comparingInt(failure -> (Integer) failure.get("line")));
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("created", this.created);
			body.put("failed", this.failed);
			body.put("credentials", this.credentials);
			return body;
		}

		void fail(int line, int status, String detail) {
			Map<String, Object> failure = new LinkedHashMap<>();
			failure.put("line", line);
			failure.put("status", status);
			failure.put("detail", detail);
			this.failed.add(failure);
		}

	}

}
