package io.keyfleet.auth.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.keyfleet.auth.anomaly.Anomaly;
import io.keyfleet.auth.anomaly.AnomalyStore;
import io.keyfleet.auth.anomaly.RiskScore;
import io.keyfleet.auth.attestation.AttestationService;
import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.client.ClientConflictException;
import io.keyfleet.auth.client.ClientKind;
import io.keyfleet.auth.client.ClientRecord;
import io.keyfleet.auth.client.ClientService;
import io.keyfleet.auth.client.ClientStatus;
import io.keyfleet.auth.client.ClientView;
import io.keyfleet.auth.est.EnrollmentTokens;

/**
 * {@code /api/v1/devices}: the device registry, approval of devices registered just in
 * time, step-up of a device's attestation, and one-time EST enrollment tokens.
 */
@RestController
@RequestMapping("/api/v1/devices")
public class DeviceController extends ClientAdminController {

	private final AttestationService attestation;

	private final ClientService clients;

	private final EnrollmentTokens enrollmentTokens;

	private final AuditLog audit;

	private final AnomalyStore anomalies;

	public DeviceController(ClientService clients, AttestationService attestation, EnrollmentTokens enrollmentTokens,
			AuditLog audit, AnomalyStore anomalies) {
		super(clients, ClientKind.DEVICE, "/api/v1/devices");
		this.attestation = attestation;
		this.clients = clients;
		this.enrollmentTokens = enrollmentTokens;
		this.audit = audit;
		this.anomalies = anomalies;
	}

	/** The device with its {@code risk_score} and open {@code anomalies} (CONTRACT "anomalies"). */
	@Override
	protected Object view(ClientRecord record) {
		List<Anomaly> open = this.anomalies.open(record.id());
		return new DeviceView(ClientView.of(record), RiskScore.of(open), open);
	}

	/**
	 * A one-time secret with which the device enrolls over EST {@code simpleenroll} (RFC
	 * 7030 §4.2.1) as HTTP Bearer. Only its hash is stored; the answer is the one place the
	 * token ever appears, so it is neither logged nor audited.
	 */
	@PostMapping("/{id}/enrollment-token")
	public ResponseEntity<Map<String, Object>> enrollmentToken(@PathVariable String id, Authentication admin) {
		ClientRecord device = this.clients.get(ClientKind.DEVICE, id);
		if (device.status() == ClientStatus.RETIRED) {
			throw new ClientConflictException(id + " is retired and cannot enroll");
		}
		String token = this.enrollmentTokens.create(id);
		this.audit.adminAction(admin.getName(), "enrollment-token", id, "created");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("enrollment_token", token);
		body.put("expires_in", this.enrollmentTokens.lifetime().toSeconds());
		return ResponseEntity.status(HttpStatus.CREATED).header("Cache-Control", "no-store").body(body);
	}

	/**
	 * Approves a device registered just in time by a group with manual approval ({@code
	 * pending → active}); {@code 409} when it is not pending.
	 */
	@PostMapping("/{id}/approve")
	public ResponseEntity<Void> approve(@PathVariable String id, Authentication admin) {
		this.clients.approve(id, admin.getName());
		return ResponseEntity.noContent().build();
	}

	/**
	 * The device's next token request must carry fresh evidence, and resource servers that
	 * need attestation stop accepting its current tokens.
	 */
	@PostMapping("/{id}/step-up")
	public ResponseEntity<Void> stepUp(@PathVariable String id, Authentication admin) {
		this.attestation.stepUp(id, admin.getName());
		return ResponseEntity.noContent().build();
	}

	/** A device as {@code GET /api/v1/devices/{id}} shows it: the registration, risk and open anomalies. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record DeviceView(@JsonUnwrapped ClientView device, int riskScore, List<Anomaly> anomalies) {
	}

}
