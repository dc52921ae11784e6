package io.keyfleet.auth.pki;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The device CA's public revocation endpoints: {@code GET /pki/crl} (RFC 5280 §5, served
 * as {@code application/pkix-crl}, RFC 2585 §4.2) and the OCSP responder over HTTP
 * (RFC 6960 Appendix A: {@code POST} with the DER request as body, {@code GET} with it
 * base64- and URL-encoded in the path).
 */
@RestController
public class PkiController {

	static final MediaType PKIX_CRL = MediaType.parseMediaType("application/pkix-crl");

	static final MediaType OCSP_RESPONSE = MediaType.parseMediaType("application/ocsp-response");

	static final String OCSP_GET_PREFIX = "/pki/ocsp/";

	/** Far more than any OCSP request for a handful of certificates. */
	private static final int MAX_OCSP_REQUEST = 8192;

	private final CurrentCrl crl;

	private final OcspResponder ocsp;

	public PkiController(CurrentCrl crl, OcspResponder ocsp) {
		this.crl = crl;
		this.ocsp = ocsp;
	}

	@GetMapping("/pki/crl")
	public ResponseEntity<byte[]> crl() {
		return ResponseEntity.ok().contentType(PKIX_CRL).cacheControl(CacheControl.noCache()).body(this.crl.der());
	}

	@PostMapping(path = "/pki/ocsp", consumes = "application/ocsp-request")
	public ResponseEntity<byte[]> ocsp(@RequestBody(required = false) byte[] request) {
		// an empty or oversized body is answered as malformedRequest, like any unparseable one
		return ocspResponse((request == null || request.length > MAX_OCSP_REQUEST) ? new byte[0] : request);
	}

	@GetMapping("/pki/ocsp/**")
	public ResponseEntity<byte[]> ocspGet(HttpServletRequest request) {
		String encoded = request.getRequestURI().substring(request.getContextPath().length() + OCSP_GET_PREFIX.length());
		byte[] der;
		try {
			der = (encoded.length() > 2 * MAX_OCSP_REQUEST) ? new byte[0]
					: Base64.getMimeDecoder().decode(URLDecoder.decode(encoded, StandardCharsets.US_ASCII));
		}
		catch (IllegalArgumentException ex) {
			der = new byte[0]; // answered as malformedRequest
		}
		return ocspResponse(der);
	}

	private ResponseEntity<byte[]> ocspResponse(byte[] request) {
		return ResponseEntity.ok().contentType(OCSP_RESPONSE).body(this.ocsp.respond(request));
	}

}
