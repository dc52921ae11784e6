package io.keyfleet.auth.admin;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.keyfleet.auth.attestation.AttestationService;
import io.keyfleet.auth.client.ClientKind;
import io.keyfleet.auth.client.ClientService;

/** {@code /api/v1/devices}: the device registry, and step-up of a device's attestation. */
@RestController
@RequestMapping("/api/v1/devices")
public class DeviceController extends ClientAdminController {

	private final AttestationService attestation;

	public DeviceController(ClientService clients, AttestationService attestation) {
		super(clients, ClientKind.DEVICE, "/api/v1/devices");
		this.attestation = attestation;
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

}
