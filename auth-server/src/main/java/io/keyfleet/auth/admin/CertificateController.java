package io.keyfleet.auth.admin;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.keyfleet.auth.pki.CertificateRevoker;

/** {@code /api/v1/certificates}: revocation of device certificates. */
@RestController
@RequestMapping("/api/v1/certificates")
public class CertificateController {

	private final CertificateRevoker revoker;

	public CertificateController(CertificateRevoker revoker) {
		this.revoker = revoker;
	}

	/**
	 * Revokes a certificate; the CRL and OCSP say so on their next request.
	 * @param serial hex, any case, as {@code openssl x509 -serial} prints it
	 * @param body optional {@code {"reason": "<RFC 5280 §5.3.1 name>"}}, default {@code unspecified}
	 */
	@PostMapping("/{serial}/revoke")
	public ResponseEntity<Void> revoke(@PathVariable String serial, @RequestBody(required = false) RevokeRequest body,
			Authentication admin) {
		this.revoker.revoke(serial, (body != null) ? body.reason() : null, admin.getName());
		return ResponseEntity.noContent().build();
	}

	/** The optional request body. */
	public record RevokeRequest(String reason) {
	}

}
